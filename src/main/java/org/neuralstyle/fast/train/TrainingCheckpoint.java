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

package org.neuralstyle.fast.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.neuralstyle.optim.Adam;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.SafetensorsWriter;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.fast.TransformerNetLayout;
import org.neuralstyle.fast.TransformerWeights;

/**
 * Where a training keeps its resumable state, and how the optimizer's part of
 * it is stored. The weights go into an ordinary model file (loadable by the
 * fast command and by PyTorch); Adam's moment averages go into a second file
 * beside it, so that the model file holds nothing but the network. For a model
 * {@code dir/name.safetensors} they are
 * {@code dir/checkpoints/name.safetensors} and
 * {@code dir/checkpoints/name.adam.safetensors}: in a subfolder, so that a
 * checkpoint never shows up as one more model of the model folder.
 */
public final class TrainingCheckpoint {

	/** Metadata key of the steps a checkpoint or model has been trained for. */
	public static final String STEP = "step";

	private static final String SUFFIX = ".safetensors";
	private static final String OPTIMIZER_SUFFIX = ".adam.safetensors";
	private static final String FIRST_MOMENT = "exp_avg.";
	private static final String SECOND_MOMENT = "exp_avg_sq.";

	private TrainingCheckpoint() {}

	/** The checkpoint of the training that writes {@code model}. */
	public static Path checkpointFile(Path model) {
		Path absolute = model.toAbsolutePath();
		return absolute.resolveSibling("checkpoints").resolve(stem(absolute) +
			SUFFIX);
	}

	/** The optimizer state that belongs to a checkpoint or model file. */
	public static Path optimizerFile(Path checkpoint) {
		Path absolute = checkpoint.toAbsolutePath();
		return absolute.resolveSibling(stem(absolute) + OPTIMIZER_SUFFIX);
	}

	private static String stem(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX
			.length()) : name;
	}

	/**
	 * Writes Adam's state: per network tensor its {@code exp_avg.NAME} and
	 * {@code exp_avg_sq.NAME}, the shapes and names PyTorch's optimizer would
	 * have, plus the step.
	 */
	static void writeOptimizer(Path file, Adam.State state, int step)
		throws IOException
	{
		TransformerWeights first = TransformerWeights.of(state.firstMoment());
		TransformerWeights second = TransformerWeights.of(state.secondMoment());
		SafetensorsWriter writer = new SafetensorsWriter();
		for (String name : first.names()) {
			long[] shape = first.info(name).shape();
			writer.add(FIRST_MOMENT + name, shape, first.readFloats(name));
			writer.add(SECOND_MOMENT + name, shape, second.readFloats(name));
		}
		writer.metadata(Map.of(STEP, Integer.toString(step), "adam_steps", Integer
			.toString(state.steps()))).write(file);
	}

	/**
	 * Adam's state saved for {@code step}, or null (with the reason told to
	 * {@code listener}) when there is none or it belongs to another step; Adam
	 * then starts afresh.
	 */
	static Adam.State readOptimizer(Path file, int step,
		FastTrainingListener listener) throws IOException
	{
		if (!Files.isRegularFile(file)) {
			listener.warning("No optimizer state (" + file.getFileName() +
				") beside the resumed file: Adam starts afresh," +
				" so the first steps differ a little from an uninterrupted training.");
			return null;
		}
		try (StateDict saved = Checkpoints.open(file)) {
			String savedStep = saved.metadata().get(STEP);
			if (!Integer.toString(step).equals(savedStep)) {
				listener.warning("The optimizer state " + file.getFileName() +
					" is of step " + savedStep + ", the weights of step " + step +
					": Adam starts afresh.");
				return null;
			}
			float[] first = new float[TransformerWeights.SIZE];
			float[] second = new float[TransformerWeights.SIZE];
			for (String name : TransformerNetLayout.parameterShapes().keySet()) {
				long[] range = TransformerWeights.range(name);
				copy(saved.readFloats(FIRST_MOMENT + name), first, range, name);
				copy(saved.readFloats(SECOND_MOMENT + name), second, range, name);
			}
			return new Adam.State(first, second, Integer.parseInt(saved.metadata()
				.getOrDefault("adam_steps", savedStep)));
		}
		catch (CheckpointException | NumberFormatException e) {
			throw new CheckpointException("The optimizer state " + file +
				" is damaged (" + e.getMessage() +
				"). Delete it to resume with a fresh Adam, or resume from another checkpoint.",
				e);
		}
	}

	private static void copy(float[] tensor, float[] into, long[] range,
		String name) throws CheckpointException
	{
		if (tensor.length != range[1] - range[0]) throw new CheckpointException(
			"the moments of " + name + " hold " + tensor.length +
				" values instead of " + (range[1] - range[0]));
		System.arraycopy(tensor, 0, into, (int) range[0], tensor.length);
	}
}
