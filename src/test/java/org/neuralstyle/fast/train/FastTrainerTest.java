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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.MapStateDict;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.fast.FastFixtures;
import org.neuralstyle.fast.TransformerNet;
import org.neuralstyle.fast.TransformerNetLayout;
import org.neuralstyle.fast.TransformerWeights;
import org.neuralstyle.tensor.Scalars;

/**
 * Short trainings of the full transformation network on six 40×32 pictures at
 * 32 pixels with a VGG16-shaped loss network of 4 and 8 channels: the losses
 * fall, the saved model is the trained one under PyTorch's tensor names, and
 * checkpoints resume exactly.
 */
class FastTrainerTest {

	@TempDir
	static Path dir;
	static TrainingImages images;
	static FastTrainer trainer;

	/** The 30-step training most tests look at. */
	static TrainingResult trained;
	static final List<TrainingStep> steps = new ArrayList<>();
	static final List<Integer> liveArrays = new ArrayList<>();
	static int arraysBefore;
	static int arraysAfter;

	@BeforeAll
	static void train() throws Exception {
		TrainingFixtures.writeImages(dir.resolve("images"), 6, 40, 32, 1);
		images = TrainingImages.in(dir.resolve("images"), TrainingFixtures::read);
		trainer = new FastTrainer(TrainingFixtures.tinyVgg16(), Device.cpu());
		arraysBefore = trainer.liveArrays();
		trained = trainer.train(images, TrainingFixtures.stripes(32), "stripes.png",
			tiny(30), dir.resolve("model.safetensors"), null,
			new FastTrainingListener()
			{

				@Override
				public void stepped(TrainingStep step) {
					steps.add(step);
					liveArrays.add(trainer.liveArrays());
				}
			});
		arraysAfter = trainer.liveArrays();
	}

	@AfterAll
	static void close() {
		trainer.close();
	}

	/**
	 * The settings of pytorch/examples except for the style weight: the Gram
	 * matrices of the tiny random loss network are about 10⁴ times those of
	 * VGG16, so 1e10 would swamp the content term.
	 */
	static FastTrainingSettings tiny(int stepCount) {
		FastTrainingSettings s = TrainingFixtures.quick(stepCount);
		s.styleWeight = 1e5;
		return s;
	}

	@Test
	void lossesFall() {
		assertEquals(TrainingResult.Outcome.COMPLETED, trained.outcome(), trained
			.message());
		assertEquals(30, steps.size());
		for (int i = 0; i < steps.size(); i++) {
			assertEquals(i + 1, steps.get(i).step());
			assertEquals(30, steps.get(i).steps());
		}
		double first = steps.subList(0, 5).stream().mapToDouble(TrainingStep::total)
			.average().orElseThrow();
		double last = steps.subList(25, 30).stream().mapToDouble(
			TrainingStep::total).average().orElseThrow();
		assertTrue(last < 0.85 * first, "mean loss of the first 5 steps " + first +
			", of the last 5 " + last);
		double firstStyle = steps.subList(0, 5).stream().mapToDouble(
			TrainingStep::style).average().orElseThrow();
		double lastStyle = steps.subList(25, 30).stream().mapToDouble(
			TrainingStep::style).average().orElseThrow();
		assertTrue(lastStyle < 0.95 * firstStyle, "style loss " + firstStyle +
			" → " + lastStyle);
	}

	@Test
	void nativeArraysStayFlatFromStepToStep() {
		assertEquals(30, liveArrays.size());
		assertEquals(liveArrays.get(0), liveArrays.get(29),
			"arrays alive after each step: " + liveArrays);
		assertEquals(arraysBefore, arraysAfter,
			"a finished training leaves nothing behind");
	}

	@Test
	void savedModelReloadsAndStylizesAsTheTrainedWeights() throws IOException {
		try (TransformerNet inMemory = TransformerNet.load(trained.weights(), Device
			.cpu());
				TransformerNet reloaded = TransformerNet.load(trained.model(), Device
					.cpu());
				TransformerNet untrained = TransformerNet.load(TransformerWeights
					.pytorchDefault(42), Device.cpu());
				NDManager manager = NDManager.newBaseManager())
		{
			NDArray input = Scalars.times(manager.create(TrainingFixtures.stripes(36)
				.planes(), new Shape(1, 3, 36, 36)), 255f);
			float[] expected = inMemory.forward(input).toFloatArray();
			assertArrayEquals(expected, reloaded.forward(input).toFloatArray());
			// It is the trained network, not the starting one.
			float[] start = untrained.forward(input).toFloatArray();
			double change = 0;
			for (int i = 0; i < start.length; i++)
				change = Math.max(change, Math.abs(start[i] - expected[i]));
			assertTrue(change > 1, "largest change of the output by training: " +
				change);
		}
	}

	@Test
	void modelFileHasThePyTorchTensorNamesAndTheTrainingRecord()
		throws IOException
	{
		List<String> pytorchNames = new ArrayList<>();
		try (StateDict written = Checkpoints.open(FastFixtures.file(
			FastFixtures.CHECKPOINT)))
		{
			// The state dict PyTorch itself wrote for the pytorch/examples module,
			// less its stale running statistics.
			for (String name : written.names())
				if (!TransformerNetLayout.isStaleRunningStat(name)) pytorchNames.add(
					name);
		}
		try (StateDict model = Checkpoints.open(trained.model())) {
			assertEquals(pytorchNames, new ArrayList<>(model.names()));
			for (String name : model.names())
				assertArrayEquals(TransformerNetLayout.parameterShapes().get(name)
					.getShape(), model.info(name).shape(), name);
			Map<String, String> m = model.metadata();
			assertEquals("stripes.png", m.get("style_image"));
			assertEquals("30", m.get("step"));
			assertEquals("complete", m.get("status"));
			assertEquals("32", m.get("image_size"));
			assertEquals("2", m.get("batch_size"));
			assertEquals("100000.0", m.get("content_weight"));
			assertEquals("0.001", m.get("learning_rate"));
			assertEquals("6", m.get("training_images"));
			assertEquals(
				"vgg16 layout with 2-2-3-3 convolutions and 4-8-8-8 channels per block",
				m.get("loss_network"));
		}
		assertFalse(Files.exists(TrainingCheckpoint.checkpointFile(trained
			.model())), "no checkpoints were asked for");
	}

	@Test
	void resumingFromACheckpointContinuesExactlyAsAnUninterruptedTraining()
		throws IOException
	{
		FastTrainingSettings settings = tiny(5);
		settings.checkpointEvery = 2;
		Path straight = dir.resolve("straight.safetensors");
		TrainingResult uninterrupted = trainer.train(images, TrainingFixtures
			.stripes(32), "stripes.png", settings, straight, null,
			FastTrainingListener.NONE);

		FastTrainingSettings shorter = tiny(2);
		shorter.checkpointEvery = 2;
		Path resumed = dir.resolve("resumed.safetensors");
		List<Integer> checkpoints = new ArrayList<>();
		trainer.train(images, TrainingFixtures.stripes(32), "stripes.png", shorter,
			resumed, null, new FastTrainingListener()
			{

				@Override
				public void checkpointed(int step, Path file) {
					checkpoints.add(step);
				}
			});
		assertEquals(List.of(2), checkpoints);
		Path checkpoint = TrainingCheckpoint.checkpointFile(resumed);
		assertEquals(dir.resolve("checkpoints").resolve("resumed.safetensors"),
			checkpoint);
		assertTrue(Files.isRegularFile(TrainingCheckpoint.optimizerFile(
			checkpoint)));
		// A copy, since the resumed training writes its own checkpoints over this
		// one.
		Path step2 = dir.resolve("step2.safetensors");
		Files.copy(checkpoint, step2);
		Files.copy(TrainingCheckpoint.optimizerFile(checkpoint), TrainingCheckpoint
			.optimizerFile(step2));

		List<TrainingStep> after = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		TrainingResult result = trainer.train(images, TrainingFixtures.stripes(32),
			"stripes.png", settings, resumed, step2, recorder(after, warnings));
		assertEquals(List.of(3, 4, 5), after.stream().map(TrainingStep::step)
			.toList());
		assertEquals(List.of(), warnings);
		assertEquals(5, result.step());
		assertArrayEquals(uninterrupted.weights().values(), result.weights()
			.values(), 1e-6f,
			"weights and Adam moments restored, same batches: the same updates");

		// Without the optimizer file the weights and step still resume, with a
		// fresh Adam.
		Files.delete(TrainingCheckpoint.optimizerFile(step2));
		after.clear();
		TrainingResult fresh = trainer.train(images, TrainingFixtures.stripes(32),
			"stripes.png", tiny(3), resumed, step2, recorder(after, warnings));
		assertEquals(List.of(3), after.stream().map(TrainingStep::step).toList());
		assertEquals(3, fresh.step());
		assertTrue(warnings.size() == 1 && warnings.get(0).contains(
			"Adam starts afresh"), warnings.toString());
	}

	@Test
	void cancellingSavesTheModelSoFarAndACheckpointOfIt() throws IOException {
		FastTrainingSettings settings = tiny(10);
		settings.checkpointEvery = 2;
		Path model = dir.resolve("cancelled.safetensors");
		List<TrainingStep> done = new ArrayList<>();
		TrainingResult result = trainer.train(images, TrainingFixtures.stripes(32),
			"stripes.png", settings, model, null, new FastTrainingListener()
			{

				@Override
				public void stepped(TrainingStep step) {
					done.add(step);
				}

				@Override
				public boolean cancelled() {
					return done.size() == 3;
				}
			});
		assertEquals(TrainingResult.Outcome.CANCELLED, result.outcome());
		assertEquals(3, result.step());
		assertTrue(result.message().contains("Resume from"), result.message());
		try (StateDict saved = Checkpoints.open(model);
				StateDict checkpoint = Checkpoints.open(TrainingCheckpoint
					.checkpointFile(model)))
		{
			assertEquals("3", saved.metadata().get("step"));
			assertEquals("cancelled", saved.metadata().get("status"));
			assertEquals("3", checkpoint.metadata().get("step"));
			assertArrayEquals(TransformerWeights.read(saved).values(),
				TransformerWeights.read(checkpoint).values());
		}
	}

	@Test
	void unreadableImagesAreSkippedWithAWarning() throws IOException {
		Path folder = dir.resolve("some-broken");
		TrainingFixtures.writeImages(folder.resolve("sub"), 2, 32, 32, 5);
		Files.writeString(folder.resolve("broken.jpg"), "not a picture");
		Files.writeString(folder.resolve("notes.txt"), "not an image name");
		TrainingImages some = TrainingImages.in(folder, TrainingFixtures::read);
		assertEquals(3, some.size(), "searched recursively, by file name");
		List<TrainingStep> done = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		FastTrainingSettings settings = tiny(2);
		settings.batchSize = 3;
		TrainingResult result = trainer.train(some, TrainingFixtures.stripes(32),
			"stripes.png", settings, dir.resolve("some.safetensors"), null, recorder(
				done, warnings));
		assertEquals(TrainingResult.Outcome.COMPLETED, result.outcome());
		assertEquals(1, warnings.size(), "one warning per file, not per use: " +
			warnings);
		assertTrue(warnings.get(0).startsWith("Skipped " + folder.resolve(
			"broken.jpg")), warnings.get(0));
		assertEquals(Set.of(folder.resolve("broken.jpg")), some.unreadable());
	}

	@Test
	void picturesAreFoundThroughLinksOnceAndHiddenFoldersAreLeftOut()
		throws IOException
	{
		Path data = dir.resolve("data-disk/coco");
		TrainingFixtures.writeImages(data, 2, 8, 8, 9);
		TrainingFixtures.writeImages(data.resolve(".thumbnails"), 1, 8, 8, 9);
		Files.createSymbolicLink(data.resolve("loop"), data);
		Path link = Files.createSymbolicLink(dir.resolve("train2014"), data);
		TrainingImages found = TrainingImages.in(link, TrainingFixtures::read);
		assertEquals(List.of(link.resolve("image0.png"), link.resolve(
			"image1.png")), found.files());
	}

	@Test
	void mistakesEndInOneClearMessage() throws IOException {
		Files.createDirectories(dir.resolve("empty/sub"));
		IOException empty = assertThrows(IOException.class, () -> TrainingImages.in(
			dir.resolve("empty"), TrainingFixtures::read));
		assertTrue(empty.getMessage().startsWith("No images in "), empty
			.getMessage());
		IOException missing = assertThrows(IOException.class, () -> TrainingImages
			.in(dir.resolve("nowhere"), TrainingFixtures::read));
		assertTrue(missing.getMessage().contains("does not exist"), missing
			.getMessage());

		MapStateDict vgg11Like = MapStateDict.vgg(1, 4, "M", 8, "M", 8, 8, "M", 8,
			8);
		CheckpointException shallow = assertThrows(CheckpointException.class,
			() -> new FastTrainer(vgg11Like, Device.cpu()));
		assertTrue(shallow.getMessage().contains(
			"no layer relu1_2, relu2_2, relu3_3, relu4_3"), shallow.getMessage());
		CheckpointException notVgg = assertThrows(CheckpointException.class,
			() -> new FastTrainer(TransformerWeights.pytorchDefault(1), Device
				.cpu()));
		assertTrue(notVgg.getMessage().contains("not a torchvision VGG"), notVgg
			.getMessage());

		FastTrainingSettings odd = tiny(1);
		odd.imageSize = 30;
		IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
			() -> trainer.train(images, TrainingFixtures.stripes(32), "s", odd, dir
				.resolve("x.safetensors"), null, FastTrainingListener.NONE));
		assertTrue(size.getMessage().contains("multiple of 4"), size.getMessage());
		assertFalse(Files.exists(dir.resolve("x.safetensors")));

		IllegalArgumentException tinyStyle = assertThrows(
			IllegalArgumentException.class, () -> trainer.train(images,
				TrainingFixtures.stripes(12), "s", tiny(1), dir.resolve(
					"x.safetensors"), null, FastTrainingListener.NONE));
		assertTrue(tinyStyle.getMessage().contains(
			"The style image is 12x12 pixels"), tinyStyle.getMessage());

		IllegalArgumentException done = assertThrows(IllegalArgumentException.class,
			() -> trainer.train(images, TrainingFixtures.stripes(32), "s", tiny(30),
				dir.resolve("x.safetensors"), trained.model(),
				FastTrainingListener.NONE));
		assertTrue(done.getMessage().contains("already been trained for 30 steps"),
			done.getMessage());
	}

	@Test
	void freshWeightsFollowPyTorchsDefaultInitialization()
		throws CheckpointException
	{
		TransformerWeights a = TransformerWeights.pytorchDefault(3);
		assertArrayEquals(a.values(), TransformerWeights.pytorchDefault(3).values(),
			"seeded");
		assertFalse(java.util.Arrays.equals(a.values(), TransformerWeights
			.pytorchDefault(4).values()));
		for (Map.Entry<String, Shape> tensor : TransformerNetLayout
			.parameterShapes().entrySet())
		{
			float[] v = a.readFloats(tensor.getKey());
			String name = tensor.getKey();
			if (name.contains(".conv2d.")) {
				Shape weight = TransformerNetLayout.parameterShapes().get(name.replace(
					".bias", ".weight"));
				double bound = 1 / Math.sqrt(weight.size() / weight.get(0));
				double sumSquares = 0;
				for (float x : v) {
					assertTrue(Math.abs(x) <= bound, name + " value " + x + " beyond ±" +
						bound);
					sumSquares += x * x;
				}
				// Uniform in ±b has variance b²/3.
				if (v.length > 1000) assertEquals(bound * bound / 3, sumSquares /
					v.length, 0.05 * bound * bound / 3, name);
			}
			else for (float x : v)
				assertEquals(name.endsWith(".weight") ? 1f : 0f, x, name);
		}
	}

	@Test
	void everyEpochVisitsEveryImageOnceInASeededOrder() {
		EpochOrder order = new EpochOrder(10, 42);
		int[] first = order.order(0).clone();
		int[] second = order.order(1).clone();
		assertArrayEquals(new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
			java.util.Arrays.stream(first).sorted().toArray());
		assertArrayEquals(new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
			java.util.Arrays.stream(second).sorted().toArray());
		assertFalse(java.util.Arrays.equals(first, second),
			"each epoch has its own order");
		assertArrayEquals(first, new EpochOrder(10, 42).order(0),
			"the order depends only on seed and epoch");
		assertFalse(java.util.Arrays.equals(first, new EpochOrder(10, 43).order(
			0)));
	}

	private static FastTrainingListener recorder(List<TrainingStep> steps,
		List<String> warnings)
	{
		return new FastTrainingListener() {

			@Override
			public void stepped(TrainingStep step) {
				steps.add(step);
			}

			@Override
			public void warning(String message) {
				warnings.add(message);
			}
		};
	}
}
