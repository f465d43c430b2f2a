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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.ConstantGc;

/**
 * The same training gives the same weights, bit for bit, however often the
 * garbage collector runs meanwhile: the loss's scalars live in libtorch memory,
 * not in Java buffers the collector frees (see
 * {@link org.neuralstyle.tensor.Scalars}).
 */
class TrainingGcPressureTest {

	@TempDir
	Path dir;

	@Test
	void identicalTrainingsUnderConstantGcGiveIdenticalWeights()
		throws Exception
	{
		TrainingFixtures.writeImages(dir.resolve("images"), 4, 40, 32, 3);
		TrainingImages images = TrainingImages.in(dir.resolve("images"),
			TrainingFixtures::read);
		FastTrainingSettings settings = FastTrainerTest.tiny(4);
		try (FastTrainer trainer = new FastTrainer(TrainingFixtures.tinyVgg16(),
			Device.cpu()))
		{
			float[] reference = train(trainer, images, settings, "reference");
			try (ConstantGc gc = new ConstantGc()) {
				for (int run = 0; run < 4; run++)
					assertArrayEquals(reference, train(trainer, images, settings, "run" +
						run), 0f, "training " + run + " differs");
			}
		}
	}

	private float[] train(FastTrainer trainer, TrainingImages images,
		FastTrainingSettings settings, String name) throws Exception
	{
		TrainingResult result = trainer.train(images, TrainingFixtures.stripes(32),
			"stripes.png", settings, dir.resolve(name + ".safetensors"), null,
			new FastTrainingListener()
			{});
		assertEquals(TrainingResult.Outcome.COMPLETED, result.outcome(), result
			.message());
		return result.weights().values();
	}
}
