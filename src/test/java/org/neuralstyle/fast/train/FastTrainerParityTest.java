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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.Device;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.fast.FastFixtures;
import org.neuralstyle.fast.TransformerWeights;

/**
 * Three training steps against pytorch/examples' own training loop run by
 * PyTorch on the same pictures, starting weights and (tiny, VGG16-shaped) loss
 * network: make_training_fixtures.py. Equal losses before each update and equal
 * weight changes after three mean the same loss, the same gradients and the
 * same Adam.
 */
class FastTrainerParityTest {

	@TempDir
	Path dir;

	@Test
	void threeStepsMatchPyTorchsTrainingLoop() throws Exception {
		JsonObject expected = JsonParser.parseString(Files.readString(fixture(
			"steps.json"))).getAsJsonObject();
		FastTrainingSettings settings = new FastTrainingSettings();
		settings.imageSize = 32;
		settings.batchSize = 2;
		settings.steps = 3;
		settings.learningRate = expected.get("learning_rate").getAsDouble();
		List<TrainingStep> steps = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		TrainingResult result;
		try (StateDict vgg = Checkpoints.open(fixture("tiny_vgg16.pth"));
				FastTrainer trainer = new FastTrainer(vgg, Device.cpu()))
		{
			result = trainer.train(TrainingImages.in(fixture("images"),
				TrainingFixtures::read), TrainingFixtures.read(fixture("style.png")),
				"style.png", settings, dir.resolve("model.safetensors"), FastFixtures
					.file(FastFixtures.CHECKPOINT), new FastTrainingListener()
				{

						@Override
						public void stepped(TrainingStep step) {
							steps.add(step);
						}

						@Override
						public void warning(String message) {
							warnings.add(message);
						}
					});
		}
		assertTrue(warnings.size() == 1 && warnings.get(0).contains(
			"starts from its weights at step 0"), warnings.toString());

		JsonArray losses = expected.getAsJsonArray("steps");
		for (int i = 0; i < 3; i++) {
			// The first losses are of the same weights; later ones differ as far as
			// rounding moved the updates, so they check the gradients' directions.
			// Measured relative differences: 7.2e-7 at step 1, 2.8e-5 at most after;
			// the bounds leave about 7 times that for other CPUs.
			double tolerance = i == 0 ? 1e-5 : 2e-4;
			JsonObject step = losses.get(i).getAsJsonObject();
			assertEquals(step.get("content").getAsDouble(), steps.get(i).content(),
				tolerance * step.get("content").getAsDouble(), "content loss of step " +
					(i + 1));
			assertEquals(step.get("style").getAsDouble(), steps.get(i).style(),
				tolerance * step.get("style").getAsDouble(), "style loss of step " +
					(i + 1));
		}

		TransformerWeights start;
		try (StateDict checkpoint = Checkpoints.open(FastFixtures.file(
			FastFixtures.CHECKPOINT)))
		{
			start = TransformerWeights.read(checkpoint);
		}
		TransformerWeights trained = result.weights();
		for (Map.Entry<String, com.google.gson.JsonElement> tensor : expected
			.getAsJsonObject("change_norm").entrySet())
		{
			String name = tensor.getKey();
			float[] before = start.readFloats(name), after = trained.readFloats(name);
			double sum = 0;
			for (int i = 0; i < before.length; i++)
				sum += (double) (after[i] - before[i]) * (after[i] - before[i]);
			double change = Math.sqrt(sum), pytorch = tensor.getValue().getAsDouble();
			if (cancelledByInstanceNorm(name)) {
				// Its gradient is rounding noise, whose signs Adam turns into full
				// steps either way: the norms differ from PyTorch's by up to 4.8%. Only
				// the size of those steps can be compared.
				assertTrue(change <= 3 * settings.learningRate * Math.sqrt(
					before.length) * 1.01, name + " moved " + change);
				continue;
			}
			// Measured relative differences: 4.6e-6 at most for the weights of
			// convolutions, 3.6e-5 for the InstanceNorm scales and shifts (short
			// vectors, where one element's rounding shows more). The bounds leave
			// about 10 times that for other CPUs. The fixture holds the norms, not
			// the weights, so a wrong sign in the gradient of a few elements would go
			// unseen here; the losses of steps 2 and 3 above are what see the
			// gradients' directions.
			assertEquals(pytorch, change, (before.length > 1000 ? 5e-5 : 4e-4) *
				pytorch, "change of " + name + " after 3 steps");
		}
		JsonArray bias = expected.getAsJsonArray("deconv3.conv2d.bias");
		float[] last = trained.readFloats("deconv3.conv2d.bias");
		// Measured: equal to the last bit (a float's spacing near 130 is 1.5e-5).
		for (int i = 0; i < 3; i++)
			assertEquals(bias.get(i).getAsDouble(), last[i], 1e-5,
				"deconv3.conv2d.bias[" + i + "]");
	}

	/**
	 * Whether InstanceNorm removes the parameter's effect on the output: the bias
	 * of a convolution that feeds one, and the last shift of each residual block
	 * (a constant per channel added to the residual stream, which every later
	 * convolution turns into a constant per channel and the InstanceNorm after it
	 * removes). Their true gradient is zero.
	 */
	private static boolean cancelledByInstanceNorm(String name) {
		return name.endsWith(".conv2d.bias") && !name.startsWith("deconv3.") || name
			.matches("res\\d\\.in2\\.bias");
	}

	private static Path fixture(String name) throws URISyntaxException {
		return Path.of(FastTrainerParityTest.class.getResource("/fixtures/train/" +
			name).toURI());
	}
}
