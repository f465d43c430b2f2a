package org.neuralstyle.fast.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.ConstantGc;

/**
 * The same training gives the same weights, bit for bit, however often the garbage collector runs
 * meanwhile: the loss's scalars live in libtorch memory, not in Java buffers the collector frees
 * (see {@link org.neuralstyle.tensor.Scalars}).
 */
class TrainingGcPressureTest {

	@TempDir
	Path dir;

	@Test
	void identicalTrainingsUnderConstantGcGiveIdenticalWeights() throws Exception {
		TrainingFixtures.writeImages(dir.resolve("images"), 4, 40, 32, 3);
		TrainingImages images = TrainingImages.in(dir.resolve("images"), TrainingFixtures::read);
		FastTrainingSettings settings = FastTrainerTest.tiny(4);
		try (FastTrainer trainer = new FastTrainer(TrainingFixtures.tinyVgg16(), Device.cpu())) {
			float[] reference = train(trainer, images, settings, "reference");
			try (ConstantGc gc = new ConstantGc()) {
				for (int run = 0; run < 4; run++)
					assertArrayEquals(reference, train(trainer, images, settings, "run" + run), 0f, "training " + run + " differs");
			}
		}
	}

	private float[] train(FastTrainer trainer, TrainingImages images, FastTrainingSettings settings, String name) throws Exception {
		TrainingResult result = trainer.train(images, TrainingFixtures.stripes(32), "stripes.png", settings,
			dir.resolve(name + ".safetensors"), null, new FastTrainingListener() {});
		assertEquals(TrainingResult.Outcome.COMPLETED, result.outcome(), result.message());
		return result.weights().values();
	}
}
