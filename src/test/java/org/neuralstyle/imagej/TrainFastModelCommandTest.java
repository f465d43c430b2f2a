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

package org.neuralstyle.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.fast.FastModelLibrary;
import org.neuralstyle.fast.TransformerNet;
import org.neuralstyle.testing.MapStateDict;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.SafetensorsWriter;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.weights.WeightsCache;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.neuralstyle.imagej.ij1.CommandParameter;
import org.neuralstyle.imagej.ij1.CommandParameters;
import org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn;
import org.neuralstyle.imagej.ij1.SciJavaContext;
import org.neuralstyle.testing.CommandHarness;

/**
 * The Train fast model command headless, through the ImageJ 1.x bridge, with a
 * tiny VGG16-shaped loss network.
 */
class TrainFastModelCommandTest {

	@TempDir
	static Path dir;
	static File pictures;
	static File style;
	static File vgg;

	@BeforeAll
	static void files() throws Exception {
		pictures = dir.resolve("pictures").toFile();
		Files.createDirectories(pictures.toPath());
		Random random = new Random(3);
		for (int i = 0; i < 3; i++) {
			int[] pixels = new int[40 * 36];
			for (int p = 0; p < pixels.length; p++)
				pixels[p] = random.nextInt(0xffffff);
			new FileSaver(new ImagePlus("p", new ColorProcessor(40, 36, pixels)))
				.saveAsPng(pictures.toPath().resolve("p" + i + ".png").toString());
		}
		// A 16-bit microscopy-like picture is read as ImageJ displays it.
		short[] gray = new short[36 * 36];
		for (int p = 0; p < gray.length; p++)
			gray[p] = (short) (1000 + random.nextInt(3000));
		new FileSaver(new ImagePlus("g", new ShortProcessor(36, 36, gray, null)))
			.saveAsTiff(pictures.toPath().resolve("g.tif").toString());
		style = dir.resolve("style.png").toFile();
		int[] stripes = new int[32 * 32];
		for (int p = 0; p < stripes.length; p++)
			stripes[p] = ((p % 32 + p / 32) / 3) % 2 == 0 ? 0xe0b010 : 0x2040c0;
		new FileSaver(new ImagePlus("s", new ColorProcessor(32, 32, stripes)))
			.saveAsPng(style.toString());
		vgg = dir.resolve("tiny_vgg16.safetensors").toFile();
		MapStateDict tiny = MapStateDict.vgg(7, 4, 4, "M", 8, 8, "M", 8, 8, 8, "M",
			8, 8, 8);
		SafetensorsWriter writer = new SafetensorsWriter();
		for (String name : tiny.names())
			writer.add(name, tiny.info(name).shape(), tiny.readFloats(name));
		writer.write(vgg.toPath());
	}

	@AfterEach
	void restore() {
		System.clearProperty(WeightsCache.DIRECTORY_PROPERTY);
	}

	private static Map<String, Object> inputs(String name, Object... keyValues) {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("images", pictures);
		inputs.put("style", style);
		inputs.put("model_name", name);
		inputs.put("image_size", 32);
		inputs.put("batch_size", 2);
		inputs.put("steps", 3);
		inputs.put("style_weight", 1e5);
		inputs.put("checkpoint_every", 2);
		inputs.put("weights", vgg);
		inputs.put("device", "cpu");
		return CommandHarness.inputs(inputs, keyValues);
	}

	@Test
	void trainsAModelThatTheFastModelsFolderOffers() throws Exception {
		System.setProperty(WeightsCache.DIRECTORY_PROPERTY, dir.resolve("cache")
			.toString());
		List<ImagePlus> outputs = SciJavaCommandPlugIn.run(
			TrainFastModelCommand.class, inputs("stripes"));
		assertEquals(List.of(), outputs, "a model, not an image");
		FastModelLibrary library = FastModelLibrary.standard();
		assertEquals(List.of("stripes"), library.names());
		Path model = library.resolve("stripes");
		try (StateDict saved = Checkpoints.open(model);
				TransformerNet net = TransformerNet.load(model, Device.cpu()))
		{
			assertEquals("style.png", saved.metadata().get("style_image"));
			assertEquals("3", saved.metadata().get("step"));
			assertEquals("4", saved.metadata().get("training_images"));
		}
		assertTrue(Files.isRegularFile(library.directory().resolve(
			"checkpoints/stripes.safetensors")));

		// A taken name is refused with one message; the trained model stays as it
		// is.
		long size = Files.size(model);
		IllegalStateException taken = assertThrows(IllegalStateException.class,
			() -> SciJavaCommandPlugIn.run(TrainFastModelCommand.class, inputs(
				"stripes")));
		assertTrue(taken.getMessage().startsWith(
			"A model named stripes already exists"), taken.getMessage());
		assertEquals(size, Files.size(model));

		// Resumed from its checkpoint (step 2), it trains on to step 5.
		SciJavaCommandPlugIn.run(TrainFastModelCommand.class, inputs("stripes",
			"steps", 5, "resume", library.directory().resolve(
				"checkpoints/stripes.safetensors").toFile()));
		try (StateDict saved = Checkpoints.open(model)) {
			assertEquals("5", saved.metadata().get("step"));
		}
	}

	@Test
	void interruptingTheCommandStopsAndSavesTheModelSoFar() throws Exception {
		System.setProperty(WeightsCache.DIRECTORY_PROPERTY, dir.resolve(
			"interrupted-cache").toString());
		Path folder = dir.resolve("interrupted-cache/fast-models");
		Future<CommandModule> running = SciJavaContext.get().service(
			CommandService.class).run(TrainFastModelCommand.class, false, inputs(
				"long", "steps", 1000, "checkpoint_every", 1));
		// SciJava cancels a running command by interrupting its thread.
		Path checkpoint = folder.resolve("checkpoints/long.safetensors");
		for (long end = System.nanoTime() + 120_000_000_000L; !Files.exists(
			checkpoint) && System.nanoTime() < end;)
			Thread.sleep(50);
		assertTrue(Files.exists(checkpoint), "training started");
		running.cancel(true);
		Path model = folder.resolve("long.safetensors");
		for (long end = System.nanoTime() + 120_000_000_000L; !Files.exists(
			model) && System.nanoTime() < end;)
			Thread.sleep(50);
		try (StateDict saved = Checkpoints.open(model)) {
			assertEquals("cancelled", saved.metadata().get("status"));
			int step = Integer.parseInt(saved.metadata().get("step"));
			assertTrue(step >= 1 && step < 1000, "step " + step);
		}
	}

	@Test
	void mistakesEndInOneMessage() {
		System.setProperty(WeightsCache.DIRECTORY_PROPERTY, dir.resolve(
			"other-cache").toString());
		IllegalStateException size = assertThrows(IllegalStateException.class,
			() -> SciJavaCommandPlugIn.run(TrainFastModelCommand.class, inputs("x",
				"image_size", 30)));
		assertTrue(size.getMessage().contains("multiple of 4"), size.getMessage());
		IllegalStateException name = assertThrows(IllegalStateException.class,
			() -> SciJavaCommandPlugIn.run(TrainFastModelCommand.class, inputs(
				"mosaic")));
		assertTrue(name.getMessage().contains("is the name of a published model"),
			name.getMessage());
		IllegalStateException empty = assertThrows(IllegalStateException.class,
			() -> SciJavaCommandPlugIn.run(TrainFastModelCommand.class, inputs("x",
				"images", dir.resolve("cache").toFile())));
		assertTrue(empty.getMessage().contains("does not exist") || empty
			.getMessage().startsWith("No images"), empty.getMessage());
		IllegalStateException missingVgg = assertThrows(IllegalStateException.class,
			() -> SciJavaCommandPlugIn.run(TrainFastModelCommand.class, inputs("x",
				"weights", null)));
		assertTrue(missingVgg.getMessage().contains("vgg16 network weights"),
			missingVgg.getMessage());
		assertTrue(!Files.exists(dir.resolve(
			"other-cache/fast-models/x.safetensors")));
	}

	@Test
	void macroKeysStayAsPublished() {
		List<String> keys = CommandParameters.of(TrainFastModelCommand.class)
			.stream().map(CommandParameter::key).toList();
		assertEquals(List.of("images", "style", "model_name", "image_size",
			"batch_size", "epochs", "steps", "content_weight", "style_weight",
			"learning_rate", "style_size", "checkpoint_every", "resume", "overwrite",
			"device", "weights"), keys);
		assertNull(new TrainFastModelCommand().result());
	}
}
