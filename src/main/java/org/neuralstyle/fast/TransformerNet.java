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

package org.neuralstyle.fast;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import org.neuralstyle.net.Precision;
import org.neuralstyle.tensor.NativeMemory;
import org.neuralstyle.tensor.NoGradient;
import org.neuralstyle.tensor.Convolution;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;

/**
 * The image-transformation network of Johnson et al. ("Perceptual Losses for
 * Real-Time Style Transfer", 2016) in the layout of pytorch/examples
 * {@code fast_neural_style}: three reflection-padded convolutions down to a
 * quarter of the size, five residual blocks, two nearest-neighbour upsampling
 * convolutions and a last 9×9 convolution, each but the last followed by
 * InstanceNorm and ReLU.
 * <p>
 * The weights are plain arrays in a name → array map, named as in the PyTorch
 * state dict, and {@link #forward} is a function of them built only from
 * differentiable operations, so a trainer can attach gradients to
 * {@link #parameters()} and optimize them in place.
 */
public final class TransformerNet implements AutoCloseable {

	/**
	 * Smallest input side: the 9×9 reflection padding needs more than 4 pixels.
	 */
	public static final int MIN_SIZE = 5;

	private final NDManager manager;
	private final Map<String, NDArray> parameters;
	/**
	 * Whether gradients will flow through {@link #forward}: a trainer's network.
	 */
	private final boolean trainable;
	/** The data type the convolutions run in (see {@link Precision}). */
	private DataType convolutions = DataType.FLOAT32;

	private TransformerNet(NDManager manager, Map<String, NDArray> parameters,
		boolean trainable)
	{
		this.manager = manager;
		this.parameters = Collections.unmodifiableMap(parameters);
		this.trainable = trainable;
	}

	/**
	 * Loads a fast style model file: PyTorch legacy or zip {@code .pth}, or
	 * safetensors.
	 *
	 * @throws CheckpointException naming the file and what is wrong with it
	 */
	public static TransformerNet load(Path checkpoint, Device device)
		throws IOException
	{
		try (StateDict weights = Checkpoints.open(checkpoint)) {
			try {
				return load(weights, device);
			}
			catch (CheckpointException e) {
				throw new CheckpointException(checkpoint + ": " + e.getMessage(), e);
			}
		}
	}

	/**
	 * Builds the network from a state dict (the stale InstanceNorm running
	 * statistics of the published models are ignored), with its weights on
	 * {@code device}.
	 *
	 * @throws CheckpointException if a tensor is missing, misshapen, unexpected
	 *           or not finite
	 */
	public static TransformerNet load(StateDict weights, Device device)
		throws IOException
	{
		TransformerNetLayout.validate(weights);
		NDManager manager = NDManager.newBaseManager(device);
		try {
			Map<String, NDArray> parameters = new LinkedHashMap<>();
			for (Map.Entry<String, Shape> entry : TransformerNetLayout
				.parameterShapes().entrySet())
			{
				String name = entry.getKey();
				float[] values = weights.readFloats(name);
				if (values.length != entry.getValue().size())
					throw new CheckpointException("Tensor " + name + " holds " +
						values.length + " values, its shape needs " + entry.getValue()
							.size() + ": the checkpoint is truncated or corrupt");
				for (float v : values)
					if (!Float.isFinite(v)) throw new CheckpointException("Tensor " +
						name +
						" contains NaN or infinite values: the model is corrupt or its training diverged; retrain or download it again");
				NDArray array = manager.create(values, entry.getValue());
				array.setName(name);
				parameters.put(name, array);
			}
			return new TransformerNet(manager, parameters, false);
		}
		catch (IOException | RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	/**
	 * A network that computes with arrays the caller owns and frees, such as
	 * views into a trainer's flat parameter vector: gradients of the output flow
	 * back through them into that vector. {@link #close()} leaves them alone.
	 *
	 * @throws IllegalArgumentException if the names or shapes are not those of
	 *           the layout
	 */
	public static TransformerNet over(Map<String, NDArray> parameters) {
		Map<String, Shape> shapes = TransformerNetLayout.parameterShapes();
		if (!parameters.keySet().equals(shapes.keySet()))
			throw new IllegalArgumentException(
				"The parameters are not those of the transformation network: expected " +
					shapes.keySet());
		for (Map.Entry<String, NDArray> entry : parameters.entrySet())
			if (!entry.getValue().getShape().equals(shapes.get(entry.getKey())))
				throw new IllegalArgumentException("Parameter " + entry.getKey() +
					" has shape " + entry.getValue().getShape() + ", expected " + shapes
						.get(entry.getKey()));
		NDArray first = parameters.values().iterator().next();
		return new TransformerNet(first.getManager().newSubManager(first
			.getDevice()), new LinkedHashMap<>(parameters), true);
	}

	/**
	 * The weights by state-dict name, in module order. The arrays are the
	 * network's own: a trainer may attach gradients and update them in place.
	 */
	public Map<String, NDArray> parameters() {
		return parameters;
	}

	public Device device() {
		return manager.getDevice();
	}

	/**
	 * Size of a map whose release, in inference, gives the C heap's free memory
	 * back. The engine's heap keeps freed blocks
	 * ({@link org.neuralstyle.tensor.MainArena}), which saves the kernel zeroing
	 * them again for every layer; with maps this large the holes left between
	 * them add up faster than reuse saves: a 2048² image in one piece peaked at
	 * 7.2 GB instead of 4.2 GB (4.6 GB with this). A 1024² image's maps (at most
	 * 256 MB, upsampled) stay below, where reuse saves most: at 256 MB a 1024²
	 * image took 1.9–2.3 s instead of 1.7 s.
	 */
	static final long LARGE_MAP_BYTES = 512L << 20;

	/**
	 * Stylizes a batch: N×3×H×W RGB in 0..255 to N×3×H'×W', not clamped (the
	 * example clamps only when it saves an image, and a loss needs the raw
	 * values). As in PyTorch, sizes that are not a multiple of 4 come back
	 * rounded up to one; {@link FastStylizer} crops to keep sizes. Intermediate
	 * arrays are freed before returning; the result belongs to the manager of
	 * {@code images}, on this network's device.
	 *
	 * @throws IllegalArgumentException if the images are not N×3×H×W with H and W
	 *           at least {@value #MIN_SIZE}
	 */
	public NDArray forward(NDArray images) {
		return forward(images, InstanceStatistics.OWN);
	}

	NDArray forward(NDArray images, InstanceStatistics statistics) {
		Shape shape = images.getShape();
		if (shape.dimension() != 4 || shape.get(1) != 3)
			throw new IllegalArgumentException(
				"The transformation network takes N×3×H×W RGB images, got " + shape);
		if (shape.get(2) < MIN_SIZE || shape.get(3) < MIN_SIZE)
			throw new IllegalArgumentException(
				"The transformation network needs images of at least " + MIN_SIZE +
					"×" + MIN_SIZE + " pixels, got " + shape.get(3) + "×" + shape.get(2));
		NDManager caller = images.getManager();
		try (NDManager scope = caller.newSubManager(device())) {
			NDArray x;
			if (images.getDevice().equals(device())) {
				// Borrowed, so that every array computed from it lands in the scope and
				// is freed with it.
				images.tempAttach(scope);
				x = images;
			}
			else {
				x = images.toDevice(device(), true);
				x.attach(scope);
			}
			NDArray y = layers(x, statistics);
			y.attach(caller);
			return y;
		}
	}

	/**
	 * The layers, each freeing its input as soon as it is used: holding every
	 * activation until the end would take about 1.3 GB for a 512² image instead
	 * of a few hundred MB. Autograd keeps what a backward pass needs on its own,
	 * so training loses nothing by it. The three parts are also what
	 * {@link ExactTiling} runs tile by tile.
	 */
	private NDArray layers(NDArray images, InstanceStatistics statistics) {
		NDArray y = down(images, statistics);
		for (int block = 1; block <= TransformerNetLayout.RESIDUAL_BLOCKS; block++)
			y = residual(block, y, statistics);
		return up(y, statistics);
	}

	/**
	 * conv1 to in3: RGB in 0..255 to 128 channels at a quarter of the size.
	 * Leaves {@code images} to the caller.
	 */
	NDArray down(NDArray images, InstanceStatistics statistics) {
		NDArray y = relu(instanceNorm(conv(images, "conv1", 1), "in1", statistics));
		y = relu(instanceNorm(consume(y, conv(y, "conv2", 2)), "in2", statistics));
		return relu(instanceNorm(consume(y, conv(y, "conv3", 2)), "in3",
			statistics));
	}

	/** Residual block {@code block} (1 to 5); frees {@code y}. */
	NDArray residual(int block, NDArray y, InstanceStatistics statistics) {
		String prefix = "res" + block + ".";
		NDArray r = relu(instanceNorm(conv(y, prefix + "conv1", 1), prefix + "in1",
			statistics));
		r = instanceNorm(consume(r, conv(r, prefix + "conv2", 1)), prefix + "in2",
			statistics);
		NDArray sum = r.add(y);
		r.close();
		return consume(y, sum);
	}

	/**
	 * deconv1 to deconv3: back to four times the size, 3 channels, not clamped;
	 * frees {@code y}.
	 */
	NDArray up(NDArray y, InstanceStatistics statistics) {
		NDArray up = upsample(y);
		y = relu(instanceNorm(consume(up, conv(up, "deconv1", 1)), "in4",
			statistics));
		up = upsample(y);
		y = relu(instanceNorm(consume(up, conv(up, "deconv2", 1)), "in5",
			statistics));
		return consume(y, conv(y, "deconv3", 1));
	}

	/**
	 * PyTorch's ConvLayer: reflection padding by half the kernel, then an
	 * unpadded convolution. Leaves its input to the caller.
	 */
	/**
	 * Runs the convolutions in {@code dataType} from now on (float32 or float16;
	 * see {@link Precision}); normalization, padding and the output stay float32.
	 */
	public TransformerNet convolutionsIn(DataType dataType) {
		this.convolutions = dataType;
		return this;
	}

	private NDArray conv(NDArray x, String layer, int stride) {
		NDArray weight = parameters.get(layer + ".conv2d.weight");
		NDArray bias = parameters.get(layer + ".conv2d.bias");
		int kernel = (int) weight.getShape().get(2);
		NDArray padded = ReflectionPad.pad(x, kernel / 2);
		NDArray out = Convolution.conv2d(padded, weight, bias, stride, 0, trainable,
			convolutions);
		return padded == x ? out : consume(padded, out);
	}

	/** InstanceNorm2d(affine=True) of a convolution's output, which it frees. */
	private NDArray instanceNorm(NDArray x, String layer,
		InstanceStatistics statistics)
	{
		return consume(x, statistics.normalize(layer, x, parameters.get(layer +
			".weight"), parameters.get(layer + ".bias")));
	}

	private static NDArray relu(NDArray x) {
		return consume(x, Activation.relu(x));
	}

	/**
	 * Nearest-neighbour upsampling by 2, as
	 * {@code interpolate(mode="nearest", scale_factor=2)}; frees its input. While
	 * gradients are recorded, two {@code repeat_interleave}s rather than DJL's
	 * interpolation: with the latter the training parity with PyTorch
	 * (FastTrainerParityTest) fell outside its bound after three Adam steps, by
	 * as much as the Gram matrix's one-product backward moved it, which points to
	 * that test's sensitivity to rounding rather than to a wrong gradient; not
	 * settled.
	 */
	private static NDArray upsample(NDArray x) {
		if (NoGradient.active()) {
			// Inference: libtorch's upsample_nearest2d (DJL's interpolation mode 0),
			// one pass and the same values as the two copies.
			long[] s = x.getShape().getShape();
			return consume(x, x.getNDArrayInternal().interpolation(new long[] { 2 *
				s[2], 2 * s[3] }, NEAREST, false));
		}
		NDArray rows = x.repeat(2, 2);
		x.close();
		return consume(rows, rows.repeat(3, 2));
	}

	/** DJL's code for nearest-neighbour interpolation. */
	private static final int NEAREST = 0;

	/** Frees an intermediate array that {@code result} was computed from. */
	private static NDArray consume(NDArray input, NDArray result) {
		boolean large = input.size() * Float.BYTES >= LARGE_MAP_BYTES;
		input.close();
		if (large && NoGradient.active()) NativeMemory.trim();
		return result;
	}

	/** Frees the weights. */
	@Override
	public void close() {
		manager.close();
	}
}
