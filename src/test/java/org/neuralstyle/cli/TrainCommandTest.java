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

package org.neuralstyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.djl.Device;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.ConsoleCapture;
import org.neuralstyle.fast.FastModelLibrary;
import org.neuralstyle.fast.TransformerNet;
import org.neuralstyle.testing.MapStateDict;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.SafetensorsWriter;
import org.neuralstyle.checkpoint.StateDict;

/**
 * {@code train} end to end with a tiny VGG16-shaped loss network written to a
 * safetensors file.
 */
class TrainCommandTest {

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@TempDir
	static Path dir;
	static Path images;
	static Path style;
	static Path vgg;

	@BeforeAll
	static void files() throws Exception {
		images = dir.resolve("pictures");
		Files.createDirectories(images.resolve("more"));
		for (int i = 0; i < 3; i++)
			ImageFiles.write(CommandLineTest.noise(40, 36, i), images.resolve("p" +
				i + ".png"));
		ImageFiles.write(CommandLineTest.noise(36, 40, 3), images.resolve(
			"more/p3.jpg"));
		style = dir.resolve("style.png");
		ImageFiles.write(CommandLineTest.noise(32, 32, 9), style);
		vgg = dir.resolve("tiny_vgg16.safetensors");
		MapStateDict tiny = MapStateDict.vgg(7, 4, 4, "M", 8, 8, "M", 8, 8, 8, "M",
			8, 8, 8);
		SafetensorsWriter writer = new SafetensorsWriter();
		for (String name : tiny.names())
			writer.add(name, tiny.info(name).shape(), tiny.readFloats(name));
		writer.write(vgg);
	}

	@AfterEach
	void restore() {
		System.clearProperty("neuralstyle.cache");
	}

	private int train(String... more) {
		List<String> args = new java.util.ArrayList<>(List.of("train", "--images",
			images.toString(), "--style", style.toString(), "--weights", vgg
				.toString(), "--image-size", "32", "--batch-size", "2", "--device",
			"cpu", "--style-weight", "1e5"));
		args.addAll(List.of(more));
		return Main.run(args.toArray(String[]::new));
	}

	@Test
	void trainsANamedModelIntoTheFastModelsFolder() throws Exception {
		System.setProperty("neuralstyle.cache", dir.resolve("cache").toString());
		int code = train("--output", "my_style", "--steps", "4", "--log-every", "2",
			"--checkpoint-every", "2");
		assertEquals(0, code, console.err());
		List<String> lines = console.out().lines().toList();
		assertEquals(3, lines.size(), console.out());
		assertTrue(lines.get(0).matches(
			"step 1/4 content \\S+ style \\S+ total \\S+"), lines.get(0));
		assertTrue(lines.get(1).matches(
			"step 2/4 content \\S+ style \\S+ total \\S+ \\(\\d+\\.\\d\\d s/step, .+ left\\)"),
			lines.get(1));
		assertTrue(lines.get(2).startsWith("step 4/4 "), lines.get(2));
		assertTrue(console.err().contains("Training on 4 pictures"), console.err());

		FastModelLibrary library = FastModelLibrary.standard();
		Path model = dir.resolve("cache/fast-models/my_style.safetensors");
		assertEquals(List.of("my_style"), library.names(),
			"the fast command offers it at once");
		assertEquals(model, library.resolve("my_style"));
		try (StateDict saved = Checkpoints.open(model);
				TransformerNet net = TransformerNet.load(model, Device.cpu()))
		{
			assertEquals("style.png", saved.metadata().get("style_image"));
			assertEquals("4", saved.metadata().get("step"));
		}
		assertTrue(Files.isRegularFile(dir.resolve(
			"cache/fast-models/checkpoints/my_style.safetensors")));

		// The same name again is refused, so a trained model is never lost by
		// accident.
		console.reset();
		console.reset();
		assertEquals(ExitCodes.USAGE, train("--output", "my_style", "--steps",
			"1"));
		assertTrue(console.err().contains("already exists"), console.err());

		// Resuming from the checkpoint continues at step 5.
		console.reset();
		console.reset();
		assertEquals(0, train("--output", "my_style", "--steps", "5", "--log-every",
			"1", "--resume", dir.resolve(
				"cache/fast-models/checkpoints/my_style.safetensors").toString()),
			console.err());
		assertEquals(List.of("step 5/5"), console.out().lines().map(l -> l
			.substring(0, l.indexOf(" content"))).toList());
	}

	@Test
	void trainsIntoAFileForEpochs() throws Exception {
		Path model = dir.resolve("epochs.safetensors");
		assertEquals(0, train("--output", model.toString(), "--epochs", "1",
			"--checkpoint-every", "0"), console.err());
		// 4 pictures in batches of 2: one epoch is 2 steps.
		assertTrue(console.out().lines().toList().get(console.out().lines().toList()
			.size() - 1).startsWith("step 2/2 "), console.out());
		try (StateDict saved = Checkpoints.open(model)) {
			assertEquals("1", saved.metadata().get("epochs"));
		}
		assertFalse(Files.exists(dir.resolve("checkpoints")));
	}

	@Test
	void mistakesEndInOneLineThatSaysWhatToDo() throws Exception {
		Files.createDirectories(dir.resolve("no-pictures"));
		assertEquals(ExitCodes.ERROR, Main.run("train", "--images", dir.resolve(
			"no-pictures").toString(), "--style", style.toString(), "--weights", vgg
				.toString(), "--output", dir.resolve("x.safetensors").toString(),
			"--steps", "1"));
		assertTrue(console.err().startsWith("error: No images in "), console.err());

		console.reset();
		assertEquals(ExitCodes.USAGE, train("--output", dir.resolve("x.pth")
			.toString(), "--steps", "1"));
		assertTrue(console.err().contains("end --output with .safetensors"), console
			.err());

		console.reset();
		assertEquals(ExitCodes.USAGE, train("--output", "candy", "--steps", "1"));
		assertTrue(console.err().contains("is the name of a published model"),
			console.err());

		console.reset();
		assertEquals(ExitCodes.USAGE, Main.run("train", "--images", images
			.toString(), "--style", style.toString(), "--weights", vgg.toString(),
			"--output", dir.resolve("x.safetensors").toString(), "--image-size", "30",
			"--steps", "1"));
		assertTrue(console.err().contains("multiple of 4"), console.err());

		console.reset();
		assertEquals(ExitCodes.USAGE, train("--output", dir.resolve("x.safetensors")
			.toString(), "--steps", "1", "--epochs", "1"));
		assertTrue(console.err().contains("mutually exclusive"), console.err());

		console.reset();
		Path vgg11 = dir.resolve("vgg11_like.safetensors");
		MapStateDict shallow = MapStateDict.vgg(1, 4, "M", 8, "M", 8, 8, "M", 8, 8);
		SafetensorsWriter writer = new SafetensorsWriter();
		for (String name : shallow.names())
			writer.add(name, shallow.info(name).shape(), shallow.readFloats(name));
		writer.write(vgg11);
		assertEquals(ExitCodes.ERROR, Main.run("train", "--images", images
			.toString(), "--style", style.toString(), "--weights", vgg11.toString(),
			"--output", dir.resolve("x.safetensors").toString(), "--steps", "1",
			"--device", "cpu"));
		assertTrue(console.err().contains("training needs torchvision's VGG16"),
			console.err());
		assertFalse(Files.exists(dir.resolve("x.safetensors")));
	}
}
