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
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.checkpoint.TensorInfo;
import org.neuralstyle.tensor.Convolution;

/**
 * torchvision's SqueezeNet (Iandola et al.; 1.1 is the network of the CS231n
 * style-transfer assignment) as a feature network, built from a state dict: the
 * modules are read off the {@code features.N...} keys and shapes, so the real
 * {@code squeezenet1_1-b8a52dc0.pth}, SqueezeNet 1.0 and tiny test networks of
 * the same pattern all load. Features can be taken after every module of
 * {@code features}, as the assignment's {@code extract_features} does; only the
 * modules up to the deepest one asked for are loaded and run, and the
 * classifier is never read. Weights are constants.
 * <p>
 * torchvision's layout: {@code features.0} is a convolution of stride 2 without
 * padding, followed by its ReLU; every other module with weights is a fire
 * module ({@code features.N.squeeze}, {@code .expand1x1}, {@code .expand3x3});
 * every index the state dict skips is a 3×3 max pooling of stride 2 with
 * {@code ceil_mode=True}. The convolutions' strides and paddings are not in the
 * file; they are torchvision's.
 */
public final class SqueezeNet implements FeatureNetwork {

	private static final Pattern MODULE = Pattern.compile(
		"features\\.(\\d+)\\.(weight|squeeze\\.weight)");
	private static final Shape POOL_KERNEL = new Shape(3, 3);
	private static final Shape POOL_STRIDE = new Shape(2, 2);
	private static final Shape NO_PAD = new Shape(0, 0);
	private static final int CONV1_STRIDE = 2;

	private final List<SqueezeLayer> layers;
	private final NDManager manager;
	private final Map<String, NDArray> weights = new HashMap<>();

	private SqueezeNet(List<SqueezeLayer> layers, NDManager manager) {
		this.layers = layers;
		this.manager = manager;
	}

	/** Whether a state dict has SqueezeNet's fire modules. */
	public static boolean isSqueezeNet(StateDict sd) {
		return sd.names().stream().anyMatch(n -> n.matches(
			"features\\.\\d+\\.squeeze\\.weight"));
	}

	/**
	 * Reads the module structure of a torchvision SqueezeNet state dict without
	 * loading any weights.
	 */
	public static List<SqueezeLayer> layout(StateDict sd)
		throws CheckpointException
	{
		TreeMap<Integer, String> modules = new TreeMap<>();
		for (String name : sd.names()) {
			Matcher m = MODULE.matcher(name);
			if (m.matches()) modules.put(Integer.parseInt(m.group(1)), m.group(2));
		}
		if (!"weight".equals(modules.get(0)) || modules.size() < 2 || modules
			.values().stream().skip(1).anyMatch(kind -> !kind.equals(
				"squeeze.weight"))) throw notSqueezeNet(
					"it needs a convolution 'features.0.weight' followed by fire modules 'features.N.squeeze.weight'");
		long[] first = sd.info("features.0.weight").shape();
		if (first.length != 4 || first[1] != 3 || first[2] != first[3])
			throw notSqueezeNet("features.0.weight has shape " + Arrays.toString(
				first) + ", not [out, 3, k, k]");
		List<SqueezeLayer> out = new ArrayList<>();
		int channels = (int) first[0];
		out.add(new SqueezeLayer("conv1", SqueezeLayer.Kind.CONV, 0, 3, channels,
			(int) first[2], 0, 0, 0));
		out.add(new SqueezeLayer("relu1", SqueezeLayer.Kind.RELU, 1, channels,
			channels, 0, 0, 0, 0));
		String before = "1";
		int fire = 1, next = 2;
		for (int index : modules.keySet()) {
			if (index == 0) continue;
			if (index < next) throw notSqueezeNet("features." + index +
				" follows the first convolution directly; its ReLU belongs there");
			for (; next < index; next++)
				out.add(new SqueezeLayer("pool" + before, SqueezeLayer.Kind.POOL, next,
					channels, channels, 0, 0, 0, 0));
			fire++;
			String p = "features." + index + ".";
			long[] squeeze = shape(sd, p + "squeeze.weight");
			long[] e1 = shape(sd, p + "expand1x1.weight");
			long[] e3 = shape(sd, p + "expand3x3.weight");
			if (!is(squeeze, -1, channels, 1) || !is(e1, -1, squeeze[0], 1) || !is(e3,
				-1, squeeze[0], 3)) throw notSqueezeNet("the fire module " + p +
					" has squeeze " + Arrays.toString(squeeze) + ", expand1x1 " + Arrays
						.toString(e1) + ", expand3x3 " + Arrays.toString(e3) +
					" where [s, " + channels + ", 1, 1], [e, s, 1, 1] and [e, s, 3, 3] " +
					"follow from the module before");
			int width = (int) (e1[0] + e3[0]);
			out.add(new SqueezeLayer("fire" + fire, SqueezeLayer.Kind.FIRE, index,
				channels, width, 0, (int) squeeze[0], (int) e1[0], (int) e3[0]));
			channels = width;
			before = Integer.toString(fire);
			next = index + 1;
		}
		return List.copyOf(out);
	}

	private static long[] shape(StateDict sd, String name)
		throws CheckpointException
	{
		if (!sd.contains(name)) throw notSqueezeNet("it lacks " + name);
		return sd.info(name).shape();
	}

	/** Whether {@code shape} is [out, in, k, k]; {@code out} −1 for any. */
	private static boolean is(long[] shape, long out, long in, long k) {
		return shape.length == 4 && (out < 0 || shape[0] == out) && shape[0] > 0 &&
			shape[1] == in && shape[2] == k && shape[3] == k;
	}

	private static CheckpointException notSqueezeNet(String why) {
		return new CheckpointException(
			"This checkpoint is not a torchvision SqueezeNet (expected e.g. squeezenet1_1-b8a52dc0.pth): " +
				why + ". Give a SqueezeNet checkpoint instead.");
	}

	/**
	 * Loads the network up to and including {@code deepest} (a layer name). Only
	 * the weights of the modules up to there are read from the file.
	 */
	public static SqueezeNet load(StateDict sd, String deepest, NDManager parent,
		Device device) throws IOException
	{
		List<SqueezeLayer> all = layout(sd);
		List<SqueezeLayer> used = all.subList(0, indexOf(all, deepest) + 1);
		NDManager manager = parent.newSubManager(device);
		SqueezeNet net = new SqueezeNet(List.copyOf(used), manager);
		try {
			for (SqueezeLayer layer : used) {
				String p = "features." + layer.index() + ".";
				switch (layer.kind()) {
					case CONV -> net.put(sd, p);
					case FIRE -> {
						net.put(sd, p + "squeeze.");
						net.put(sd, p + "expand1x1.");
						net.put(sd, p + "expand3x3.");
					}
					default -> {}
				}
			}
		}
		catch (IOException | RuntimeException e) {
			net.close();
			throw e;
		}
		return net;
	}

	/** Reads {@code prefix + "weight"} and {@code prefix + "bias"}. */
	private void put(StateDict sd, String prefix) throws IOException {
		TensorInfo w = sd.info(prefix + "weight");
		long out = w.shape()[0];
		String bias = prefix + "bias";
		if (!sd.contains(bias)) throw new CheckpointException(
			"The checkpoint lacks " + bias + ": it is incomplete.");
		weights.put(prefix + "weight", manager.create(LossNetworkTensors.read(sd,
			"a SqueezeNet", w.name(), w.numel()), new Shape(w.shape())));
		weights.put(bias, manager.create(LossNetworkTensors.read(sd, "a SqueezeNet",
			bias, out), new Shape(out)));
	}

	/** The modules of a network loaded this far, in order. */
	public List<SqueezeLayer> layers() {
		return layers;
	}

	static int indexOf(List<SqueezeLayer> layout, String name) {
		for (int i = 0; i < layout.size(); i++)
			if (layout.get(i).name().equals(name)) return i;
		StringBuilder known = new StringBuilder();
		for (SqueezeLayer l : layout)
			known.append(known.length() == 0 ? "" : ", ").append(l.name()).append(
				" (").append(l.index()).append(')');
		throw new IllegalArgumentException("Unknown layer '" + name +
			"'. This SqueezeNet's layers are " + known +
			" (in brackets: the index in torchvision's features, which CS231n's layer numbers are).");
	}

	/** The deepest of the given layer names, by position in the network. */
	public static String deepest(List<SqueezeLayer> layout,
		Collection<String> names)
	{
		int max = -1;
		for (String n : names)
			max = Math.max(max, indexOf(layout, n));
		return layout.get(max).name();
	}

	@Override
	public Map<String, NDArray> features(NDArray image,
		Collection<String> wanted)
	{
		return featuresOfInput(Preprocessing.TORCHVISION.toInput(image), wanted);
	}

	/**
	 * Runs a network input (1×3×H×W, already preprocessed: ImageNet mean and
	 * standard deviation for torchvision's weights) through the network and
	 * returns the outputs of the requested modules, stopping at the deepest of
	 * them. Every output is a new array: unlike torchvision's in-place ReLU,
	 * {@code conv1} stays the convolution's output.
	 */
	@Override
	public Map<String, NDArray> featuresOfInput(NDArray input,
		Collection<String> wanted)
	{
		return FeatureNetwork.outputs(input, layers, SqueezeLayer::name,
			this::apply, wanted);
	}

	private NDArray apply(SqueezeLayer layer, NDArray x) {
		String p = "features." + layer.index() + ".";
		return switch (layer.kind()) {
			case CONV -> conv(x, p, CONV1_STRIDE, 0);
			case RELU -> Activation.relu(x);
			case POOL -> Pool.maxPool2d(x, POOL_KERNEL, POOL_STRIDE, NO_PAD, true);
			case FIRE -> {
				NDArray s = Activation.relu(conv(x, p + "squeeze.", 1, 0));
				yield NDArrays.concat(new NDList(Activation.relu(conv(s, p +
					"expand1x1.", 1, 0)), Activation.relu(conv(s, p + "expand3x3.", 1,
						1))), 1);
			}
		};
	}

	private NDArray conv(NDArray x, String prefix, int stride, int padding) {
		// Losses backpropagate through every module.
		return Convolution.conv2d(x, weights.get(prefix + "weight"), weights.get(
			prefix + "bias"), stride, padding, true);
	}

	/**
	 * The side lengths of each module's output for an input side of {@code side},
	 * up to {@code deepest}; a side below 1 means the input is too small.
	 */
	static int[] sides(List<SqueezeLayer> layout, String deepest, int side) {
		int end = indexOf(layout, deepest);
		int[] sides = new int[end + 1];
		int n = side;
		for (int i = 0; i <= end; i++) {
			SqueezeLayer l = layout.get(i);
			if (n >= 1) {
				if (l.kind() == SqueezeLayer.Kind.CONV) n = n < l.kernel() ? 0 : (n - l
					.kernel()) / CONV1_STRIDE + 1;
				else if (l.kind() == SqueezeLayer.Kind.POOL) n = pooled(n);
			}
			sides[i] = n;
		}
		return sides;
	}

	/**
	 * A 3×3, stride-2 max pooling's output side with {@code ceil_mode=True}, as
	 * PyTorch computes it: windows may reach past the edge (an input of 2 pixels
	 * gives 1), but the last must start inside the input.
	 */
	static int pooled(int n) {
		int out = -Math.floorDiv(3 - n, 2) + 1;
		if (out >= 1 && (out - 1) * 2 >= n) out--;
		return Math.max(out, 0);
	}

	/**
	 * The shortest side an image may have to pass through the network down to
	 * {@code deepest}.
	 */
	public static int minimumSide(List<SqueezeLayer> layout, String deepest) {
		int end = indexOf(layout, deepest);
		int side = 1;
		while (sides(layout, deepest, side)[end] < 1)
			side++;
		return side;
	}

	/**
	 * Floating-point operations of one forward pass to {@code deepest} at the
	 * given size.
	 */
	public static double forwardFlops(List<SqueezeLayer> layout, String deepest,
		int height, int width)
	{
		int[] hs = sides(layout, deepest, height), ws = sides(layout, deepest,
			width);
		double flops = 0;
		int h = height, w = width;
		for (int i = 0; i < hs.length; i++) {
			SqueezeLayer l = layout.get(i);
			if (l.kind() == SqueezeLayer.Kind.CONV) flops += 2.0 * hs[i] * ws[i] * l
				.outChannels() * l.inChannels() * l.kernel() * l.kernel();
			if (l.kind() == SqueezeLayer.Kind.FIRE) flops += 2.0 * h * w * (l
				.squeeze() * l.inChannels() + l.expand1x1() * l.squeeze() + 9.0 * l
					.expand3x3() * l.squeeze());
			h = hs[i];
			w = ws[i];
		}
		return flops;
	}

	@Override
	public void close() {
		manager.close();
	}
}
