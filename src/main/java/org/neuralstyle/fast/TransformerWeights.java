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
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import ai.djl.ndarray.types.Shape;

import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.SafetensorsWriter;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.checkpoint.TensorInfo;

/**
 * The weights of one transformation network as a single float vector, the
 * tensors laid end to end in module order
 * ({@link TransformerNetLayout#parameterShapes()}). Training optimizes the
 * vector as a whole; as a {@link StateDict} it loads into a
 * {@link TransformerNet} and saves as safetensors under the pytorch/examples
 * tensor names, so PyTorch users can load a trained model with
 * {@code load_state_dict(safetensors.torch.load_file(path))}.
 */
public final class TransformerWeights implements StateDict {

	private static final Map<String, long[]> RANGES = ranges();

	/** Number of parameters of the network (about 1.68 million). */
	public static final int SIZE = (int) RANGES.values().stream().mapToLong(
		r -> r[1]).max().orElse(0);

	private final float[] values;
	private final Map<String, String> metadata;

	private TransformerWeights(float[] values, Map<String, String> metadata) {
		this.values = values;
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/** Wraps a vector of {@link #SIZE} values (not copied). */
	public static TransformerWeights of(float[] values) {
		if (values.length != SIZE) throw new IllegalArgumentException(
			"The transformation network has " + SIZE + " parameters, got " +
				values.length + " values");
		return new TransformerWeights(values, Map.of());
	}

	/**
	 * Copies a network's weights out of a checkpoint, with its metadata.
	 *
	 * @throws CheckpointException if it is not a transformation network or holds
	 *           NaN or infinite values
	 */
	public static TransformerWeights read(StateDict checkpoint)
		throws IOException
	{
		TransformerNetLayout.validate(checkpoint);
		float[] values = new float[SIZE];
		for (Map.Entry<String, long[]> range : RANGES.entrySet()) {
			String name = range.getKey();
			float[] tensor = checkpoint.readFloats(name);
			int length = (int) (range.getValue()[1] - range.getValue()[0]);
			if (tensor.length != length) throw new CheckpointException("Tensor " +
				name + " holds " + tensor.length + " values, its shape needs " +
				length + ": the checkpoint is truncated or corrupt");
			for (float v : tensor)
				if (!Float.isFinite(v)) throw new CheckpointException("Tensor " + name +
					" contains NaN or infinite values: the model is corrupt or its training diverged");
			System.arraycopy(tensor, 0, values, (int) range.getValue()[0], length);
		}
		return new TransformerWeights(values, checkpoint.metadata());
	}

	/**
	 * Fresh weights as PyTorch initializes a new network, from a seed: every
	 * convolution's weight and bias uniform in ±1/√fan_in
	 * ({@code kaiming_uniform_(a=√5)} and its bias rule), every InstanceNorm
	 * scale 1 and shift 0. The distribution is PyTorch's; the random numbers are
	 * Java's, so the same seed does not give PyTorch's values.
	 */
	public static TransformerWeights pytorchDefault(long seed) {
		Random random = new Random(seed);
		float[] values = new float[SIZE];
		Map<String, Shape> shapes = TransformerNetLayout.parameterShapes();
		for (Map.Entry<String, long[]> range : RANGES.entrySet()) {
			String name = range.getKey();
			int from = (int) range.getValue()[0], to = (int) range.getValue()[1];
			if (name.contains(".conv2d.")) {
				// fan_in of the layer's convolution: in-channels × kernel area of its
				// weight.
				Shape weight = shapes.get(name.substring(0, name.lastIndexOf('.')) +
					".weight");
				double bound = 1 / Math.sqrt(weight.size() / weight.get(0));
				for (int i = from; i < to; i++)
					values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
			}
			else if (name.endsWith(".weight")) Arrays.fill(values, from, to, 1f);
		}
		return new TransformerWeights(values, Map.of());
	}

	/** The vector itself, not a copy. */
	public float[] values() {
		return values;
	}

	/** The same weights with this metadata instead. */
	public TransformerWeights withMetadata(Map<String, String> entries) {
		return new TransformerWeights(values, entries);
	}

	/** Offset and end of a tensor in the vector. */
	public static long[] range(String name) {
		long[] range = RANGES.get(name);
		if (range == null) throw new IllegalArgumentException("No tensor " + name +
			" in the transformation network");
		return range.clone();
	}

	/**
	 * Writes the weights and metadata as a safetensors file; the file appears
	 * complete or not at all.
	 */
	public void write(Path file) throws IOException {
		SafetensorsWriter writer = new SafetensorsWriter();
		for (String name : RANGES.keySet())
			writer.add(name, TransformerNetLayout.parameterShapes().get(name)
				.getShape(), readFloats(name));
		writer.metadata(metadata).write(file);
	}

	@Override
	public Set<String> names() {
		return RANGES.keySet();
	}

	@Override
	public TensorInfo info(String name) throws CheckpointException {
		Shape shape = TransformerNetLayout.parameterShapes().get(name);
		if (shape == null) throw new CheckpointException("No tensor " + name +
			" in the transformation network");
		return new TensorInfo(name, "float32", shape.getShape());
	}

	@Override
	public float[] readFloats(String name) throws CheckpointException {
		long[] range = RANGES.get(name);
		if (range == null) throw new CheckpointException("No tensor " + name +
			" in the transformation network");
		return Arrays.copyOfRange(values, (int) range[0], (int) range[1]);
	}

	@Override
	public Map<String, String> metadata() {
		return metadata;
	}

	@Override
	public void close() {}

	private static Map<String, long[]> ranges() {
		Map<String, long[]> ranges = new LinkedHashMap<>();
		long offset = 0;
		for (Map.Entry<String, Shape> entry : TransformerNetLayout.parameterShapes()
			.entrySet())
		{
			long end = offset + entry.getValue().size();
			ranges.put(entry.getKey(), new long[] { offset, end });
			offset = end;
		}
		return Collections.unmodifiableMap(ranges);
	}
}
