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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import ai.djl.ndarray.types.Shape;

import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.checkpoint.TensorInfo;

/**
 * The tensors of the Johnson et al. image-transformation network as
 * pytorch/examples ({@code fast_neural_style/neural_style/transformer_net.py})
 * names them, with the shapes its fixed channel widths imply. A checkpoint is
 * checked against this list before any weight is read, so a wrong file fails
 * with a message that names what is wrong instead of a shape error deep inside
 * a convolution.
 */
public final class TransformerNetLayout {

	/** Residual blocks between the down- and the up-sampling halves. */
	public static final int RESIDUAL_BLOCKS = 5;

	/**
	 * InstanceNorm running statistics that the published models carry from an
	 * older PyTorch and that the example deletes before loading: the same pattern
	 * as its {@code re.search}.
	 */
	private static final Pattern STALE_RUNNING_STATS = Pattern.compile(
		".*in\\d+\\.running_(mean|var)$");

	/**
	 * Upper bound of names listed in one message: a wrong file may hold hundreds.
	 */
	private static final int LISTED = 6;

	private static final Map<String, Shape> SHAPES = shapes();

	private TransformerNetLayout() {}

	/**
	 * Every parameter tensor of the network, in the order of the PyTorch module,
	 * with its shape.
	 */
	public static Map<String, Shape> parameterShapes() {
		return SHAPES;
	}

	/**
	 * True for the stale InstanceNorm running statistics the published
	 * checkpoints carry.
	 */
	public static boolean isStaleRunningStat(String name) {
		return STALE_RUNNING_STATS.matcher(name).matches();
	}

	/**
	 * Checks names, shapes and element types of a state dict without reading
	 * tensor data.
	 *
	 * @throws CheckpointException saying what is missing, misshapen or unexpected
	 */
	public static void validate(StateDict weights) throws IOException {
		Set<String> names = weights.names();
		List<String> missing = new ArrayList<>();
		for (String name : SHAPES.keySet())
			if (!names.contains(name)) missing.add(name);
		List<String> unexpected = new ArrayList<>();
		for (String name : names)
			if (!SHAPES.containsKey(name) && !isStaleRunningStat(name)) unexpected
				.add(name);

		if (missing.size() == SHAPES.size()) throw new CheckpointException(
			notAFastModel(names));
		if (!missing.isEmpty() || !unexpected.isEmpty()) {
			StringBuilder message = new StringBuilder(
				"Not a fast style model of the pytorch/examples layout:");
			if (!missing.isEmpty()) message.append(" missing ").append(list(missing));
			if (!missing.isEmpty() && !unexpected.isEmpty()) message.append(";");
			if (!unexpected.isEmpty()) message.append(" unexpected ").append(list(
				unexpected));
			if (names.stream().anyMatch(n -> n.startsWith("module."))) message.append(
				". The names start with 'module.': the model was saved from a DataParallel wrapper;" +
					" save model.module.state_dict() instead");
			throw new CheckpointException(message.append('.').toString());
		}

		for (Map.Entry<String, Shape> expected : SHAPES.entrySet()) {
			TensorInfo info = weights.info(expected.getKey());
			if (!new Shape(info.shape()).equals(expected.getValue()))
				throw new CheckpointException("Tensor " + info.name() + " has shape " +
					Arrays.toString(info.shape()) + ", expected " + Arrays.toString(
						expected.getValue().getShape()) +
					": this fast style model has other channel widths than" +
					" the pytorch/examples network (32-64-128 channels, 9x9 outer kernels)");
			if (!isFloatingPoint(info.dtype())) throw new CheckpointException(
				"Tensor " + info.name() + " holds " + info.dtype() +
					" values; network weights must be floating point");
		}
	}

	private static String notAFastModel(Set<String> names) {
		if (names.isEmpty())
			return "The checkpoint holds no tensors: it is not a fast style model.";
		boolean vgg = names.stream().anyMatch(n -> n.matches(
			"features\\.\\d+\\.weight"));
		if (vgg)
			return "This looks like a VGG checkpoint (the loss network of style transfer), not a fast style" +
				" model: choose a transformation network trained for one style, such as candy.pth.";
		return "Not a fast style model: none of the tensors of the pytorch/examples transformation network" +
			" (conv1.conv2d.weight, in1.weight, res1.conv1.conv2d.weight, ...) is present; the file holds " +
			list(new ArrayList<>(names)) + ".";
	}

	private static boolean isFloatingPoint(String dtype) {
		return switch (dtype) {
			case "float32", "float16", "bfloat16", "float64" -> true;
			default -> false;
		};
	}

	private static String list(List<String> names) {
		if (names.size() <= LISTED) return String.join(", ", names);
		return String.join(", ", names.subList(0, LISTED)) + " and " + (names
			.size() - LISTED) + " more";
	}

	private static Map<String, Shape> shapes() {
		Map<String, Shape> shapes = new LinkedHashMap<>();
		conv(shapes, "conv1", 3, 32, 9);
		norm(shapes, "in1", 32);
		conv(shapes, "conv2", 32, 64, 3);
		norm(shapes, "in2", 64);
		conv(shapes, "conv3", 64, 128, 3);
		norm(shapes, "in3", 128);
		for (int block = 1; block <= RESIDUAL_BLOCKS; block++) {
			String prefix = "res" + block + ".";
			conv(shapes, prefix + "conv1", 128, 128, 3);
			norm(shapes, prefix + "in1", 128);
			conv(shapes, prefix + "conv2", 128, 128, 3);
			norm(shapes, prefix + "in2", 128);
		}
		conv(shapes, "deconv1", 128, 64, 3);
		norm(shapes, "in4", 64);
		conv(shapes, "deconv2", 64, 32, 3);
		norm(shapes, "in5", 32);
		conv(shapes, "deconv3", 32, 3, 9);
		return Collections.unmodifiableMap(shapes);
	}

	private static void conv(Map<String, Shape> shapes, String layer, int in,
		int out, int kernel)
	{
		shapes.put(layer + ".conv2d.weight", new Shape(out, in, kernel, kernel));
		shapes.put(layer + ".conv2d.bias", new Shape(out));
	}

	private static void norm(Map<String, Shape> shapes, String layer,
		int channels)
	{
		shapes.put(layer + ".weight", new Shape(channels));
		shapes.put(layer + ".bias", new Shape(channels));
	}
}
