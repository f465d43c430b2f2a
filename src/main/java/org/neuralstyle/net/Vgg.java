/*-
 * #%L
 * Neural style transfer (Gatys et al. optimization, Johnson et al. fast models) for Fiji and ImageJ, on DJL and PyTorch.
 * %%
 * Copyright (C) 2026 Neural Style for Fiji developers.
 * %%
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 * 
 *      http://www.apache.org/licenses/LICENSE-2.0
 * 
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 * #L%
 */

package org.neuralstyle.net;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neuralstyle.tensor.Convolution;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.checkpoint.TensorInfo;

/**
 * A VGG feature network (Simonyan and Zisserman) built from a torchvision state
 * dict: the layer structure is read off the {@code features.N.weight} keys and
 * shapes, so VGG19, VGG16 and tiny test networks of the same pattern all load.
 * Only the convolutions up to the deepest layer a loss needs are loaded and
 * run; the classifier is never read. Weights are constants: no gradients are
 * recorded for them, only for the image.
 */
public final class Vgg implements FeatureNetwork {

	/**
	 * ImageNet statistics the torchvision weights were trained with (RGB in
	 * [0,1]).
	 */
	static final float[] MEAN = Preprocessing.MEAN;
	static final float[] STD = Preprocessing.STD;

	private static final Pattern FEATURE_WEIGHT = Pattern.compile(
		"features\\.(\\d+)\\.weight");
	private static final Shape KERNEL = new Shape(2, 2);
	private static final Shape NO_PAD = new Shape(0, 0);

	private final List<VggLayer> layers;
	private final Pooling pooling;
	private final NDManager manager;
	private final Map<String, NDArray> weights = new HashMap<>();
	private final Map<String, NDArray> biases = new HashMap<>();
	private final NDArray mean;
	private final NDArray std;
	/** The data type the convolutions run in (see {@link Precision}). */
	private final DataType convolutions;

	private Vgg(List<VggLayer> layers, Pooling pooling, NDManager manager,
		DataType convolutions)
	{
		this.layers = layers;
		this.pooling = pooling;
		this.manager = manager;
		this.convolutions = convolutions;
		this.mean = manager.create(MEAN, new Shape(1, 3, 1, 1));
		this.std = manager.create(STD, new Shape(1, 3, 1, 1));
	}

	/**
	 * Reads the layer structure of a torchvision VGG state dict without loading
	 * any weights. Convolutions sit at consecutive even offsets inside a block; a
	 * gap of three indices means a pooling layer stood between them, which ends
	 * the block.
	 */
	public static List<VggLayer> layout(StateDict sd) throws CheckpointException {
		TreeMap<Integer, TensorInfo> convs = new TreeMap<>();
		for (String name : sd.names()) {
			Matcher m = FEATURE_WEIGHT.matcher(name);
			if (m.matches()) convs.put(Integer.parseInt(m.group(1)), sd.info(name));
		}
		if (convs.isEmpty()) throw new CheckpointException(
			"This checkpoint has no 'features.N.weight' tensors, so it is not a torchvision VGG network " +
				"(expected e.g. vgg19-dcbb9e9d.pth). Give a VGG checkpoint instead.");
		List<VggLayer> out = new ArrayList<>();
		int block = 1, conv = 0, inChannels = 3;
		Integer previous = null;
		for (Map.Entry<Integer, TensorInfo> e : convs.entrySet()) {
			int index = e.getKey();
			long[] shape = e.getValue().shape();
			if (shape.length != 4 || shape[2] != 3 || shape[3] != 3)
				throw new CheckpointException("features." + index +
					".weight has shape " + java.util.Arrays.toString(shape) +
					"; a VGG convolution is [out, in, 3, 3]. This is not a VGG checkpoint.");
			if (shape[1] != inChannels) throw new CheckpointException("features." +
				index + ".weight expects " + shape[1] +
				" input channels but the layer before gives " + inChannels +
				". The checkpoint is not a VGG feature stack.");
			if (previous != null) {
				int gap = index - previous;
				if (gap == 3) {
					out.add(new VggLayer("pool" + block, VggLayer.Kind.POOL, previous + 2,
						inChannels, inChannels));
					block++;
					conv = 0;
				}
				else if (gap != 2) throw new CheckpointException(
					"Unexpected gap between features." + previous + " and features." +
						index + ": not the conv/ReLU/pool pattern of a torchvision VGG.");
			}
			conv++;
			int outChannels = (int) shape[0];
			out.add(new VggLayer("conv" + block + "_" + conv, VggLayer.Kind.CONV,
				index, inChannels, outChannels));
			out.add(new VggLayer("relu" + block + "_" + conv, VggLayer.Kind.RELU,
				index + 1, outChannels, outChannels));
			inChannels = outChannels;
			previous = index;
		}
		out.add(new VggLayer("pool" + block, VggLayer.Kind.POOL, previous + 2,
			inChannels, inChannels));
		return List.copyOf(out);
	}

	/**
	 * Loads the network up to and including {@code deepest} (a layer name). Only
	 * the convolution weights up to there are read from the file.
	 */
	public static Vgg load(StateDict sd, String deepest, Pooling pooling,
		NDManager parent, Device device) throws IOException
	{
		return load(sd, deepest, pooling, parent, device, DataType.FLOAT32);
	}

	/**
	 * As {@link #load(StateDict, String, Pooling, NDManager, Device)}, with the
	 * convolutions computed in {@code convolutions} (float32 or float16; see
	 * {@link Precision}); the features come out in float32 either way.
	 */
	public static Vgg load(StateDict sd, String deepest, Pooling pooling,
		NDManager parent, Device device, DataType convolutions) throws IOException
	{
		List<VggLayer> all = layout(sd);
		int end = indexOf(all, deepest);
		List<VggLayer> used = all.subList(0, end + 1);
		NDManager manager = parent.newSubManager(device);
		Vgg vgg = new Vgg(List.copyOf(used), pooling, manager, convolutions);
		try {
			for (VggLayer layer : used) {
				if (layer.kind() != VggLayer.Kind.CONV) continue;
				String w = "features." + layer.index() + ".weight";
				String b = "features." + layer.index() + ".bias";
				if (!sd.contains(b)) throw new CheckpointException(
					"The checkpoint lacks " + b + ": it is incomplete.");
				TensorInfo wi = sd.info(w);
				vgg.weights.put(layer.name(), manager.create(LossNetworkTensors.read(sd,
					"a VGG network", w, wi.numel()), new Shape(wi.shape())));
				vgg.biases.put(layer.name(), manager.create(LossNetworkTensors.read(sd,
					"a VGG network", b, layer.outChannels()), new Shape(layer
						.outChannels())));
			}
		}
		catch (IOException | RuntimeException e) {
			vgg.close();
			throw e;
		}
		return vgg;
	}

	/** All layer names of a network loaded this far, in order. */
	public List<VggLayer> layers() {
		return layers;
	}

	/** The deepest of the given layer names, by position in the network. */
	public static String deepest(List<VggLayer> layout,
		Collection<String> names)
	{
		int max = -1;
		for (String n : names)
			max = Math.max(max, indexOf(layout, n));
		return layout.get(max).name();
	}

	static int indexOf(List<VggLayer> layout, String name) {
		for (int i = 0; i < layout.size(); i++)
			if (layout.get(i).name().equals(name)) return i;
		StringBuilder known = new StringBuilder();
		for (VggLayer l : layout)
			if (l.kind() == VggLayer.Kind.CONV) known.append(known.length() == 0 ? ""
				: ", ").append(l.name());
		throw new IllegalArgumentException("Unknown layer '" + name +
			"'. This network's layers are " + known +
			" (and relu/pool layers of the same blocks).");
	}

	/**
	 * Runs an image (1×3×H×W, RGB in [0,1]) through the network and returns the
	 * outputs of the requested layers, stopping at the deepest of them. Results
	 * live in the image's manager, so a caller that attaches the image to a
	 * per-iteration sub-manager frees them all at once.
	 */
	@Override
	public Map<String, NDArray> features(NDArray image,
		Collection<String> wanted)
	{
		return featuresOfInput(image.sub(mean).div(std), wanted);
	}

	/**
	 * As {@link #features}, for an image already preprocessed: the network's
	 * input ({@link Preprocessing#toInput}).
	 */
	@Override
	public Map<String, NDArray> featuresOfInput(NDArray input,
		Collection<String> wanted)
	{
		return FeatureNetwork.outputs(input, layers, VggLayer::name, this::apply,
			wanted);
	}

	private NDArray apply(VggLayer layer, NDArray x) {
		return switch (layer.kind()) {
			// Losses backpropagate through every layer; only narrow test networks
			// pay for the widening.
			case CONV -> Convolution.conv2d(x, weights.get(layer.name()), biases.get(
				layer.name()), 1, 1, true, convolutions);
			case RELU -> Activation.relu(x);
			case POOL -> pooling == Pooling.MAX ? Pool.maxPool2d(x, KERNEL, KERNEL,
				NO_PAD, false) : Pool.avgPool2d(x, KERNEL, KERNEL, NO_PAD, false, true);
		};
	}

	/**
	 * The shortest side an image may have to pass through the network down to
	 * {@code deepest}: each pooling on the way halves the sides (rounding down),
	 * and one that would leave no pixel fails in libtorch ("Output size is too
	 * small").
	 */
	public static int minimumSide(List<VggLayer> layout, String deepest) {
		int end = indexOf(layout, deepest), side = 1;
		for (int i = 0; i <= end; i++)
			if (layout.get(i).kind() == VggLayer.Kind.POOL) side *= 2;
		return side;
	}

	/**
	 * Floating-point operations of one forward pass to {@code deepest} at the
	 * given size.
	 */
	public static double forwardFlops(List<VggLayer> layout, String deepest,
		int height, int width)
	{
		double flops = 0;
		long h = height, w = width;
		for (VggLayer l : layout) {
			if (l.kind() == VggLayer.Kind.CONV) flops += 2.0 * h * w * l
				.outChannels() * l.inChannels() * 9;
			if (l.kind() == VggLayer.Kind.POOL) {
				h /= 2;
				w /= 2;
			}
			if (l.name().equals(deepest)) break;
		}
		return flops;
	}

	@Override
	public void close() {
		manager.close();
	}
}
