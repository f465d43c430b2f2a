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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.ConsoleCapture;
import org.neuralstyle.checkpoint.SafetensorsWriter;
import org.neuralstyle.net.EngineReport;
import org.neuralstyle.optimize.RegionsTest;
import org.neuralstyle.weights.Sha256;

/**
 * {@code optimize --regions}, {@code --color-mode}, {@code --strength} and
 * {@code --trace} end to end: a red style on label 1 (the left half) and a blue
 * one on label 2 make the left redder.
 */
class RegionsCommandLineTest {

	@TempDir
	static Path dir;
	static Path weights, content, red, blue, labels;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@BeforeAll
	static void files() throws Exception {
		// The small random VGG of RegionsTest, as a checkpoint file.
		weights = dir.resolve("small-vgg.safetensors");
		SafetensorsWriter w = new SafetensorsWriter();
		for (String name : RegionsTest.net.names())
			w.add(name, RegionsTest.net.info(name).shape(), RegionsTest.net
				.readFloats(name));
		w.write(weights);
		content = dir.resolve("content.png");
		ImageFiles.write(RegionsTest.greyContent(), content);
		red = dir.resolve("red.png");
		ImageFiles.write(RegionsTest.flat(32, 32, 0.9f, 0.1f, 0.1f), red);
		blue = dir.resolve("blue.png");
		ImageFiles.write(RegionsTest.flat(32, 32, 0.1f, 0.1f, 0.9f), blue);
		labels = dir.resolve("labels.tif");
		int[] halves = RegionsTest.halves();
		ByteProcessor ip = new ByteProcessor(RegionsTest.W, RegionsTest.H);
		for (int i = 0; i < halves.length; i++)
			ip.set(i, halves[i]);
		IJ.saveAsTiff(new ImagePlus("labels", ip), labels.toString());
	}

	private String err() {
		return console.err();
	}

	@Test
	void aStylePerLabelWithATrace() throws Exception {
		Path output = dir.resolve("regions.png"), trace = dir.resolve(
			"regions.json");
		int rc = Main.run("optimize", "--content", content.toString(), "--style",
			red.toString(), "--style", blue.toString(), "--regions", labels
				.toString(), "--weights", weights.toString(), "--iterations", "60",
			"--output", output.toString(), "--trace", trace.toString(),
			// Fixed steps: three steps are exactly the 60 evaluations counted below.
			"--line-search", "none");
		assertEquals(0, rc, err());
		RegionsTest.assertRedLeftBlueRight(ImageFiles.read(output), "command line");

		JsonObject t = JsonParser.parseString(Files.readString(trace))
			.getAsJsonObject();
		assertEquals(Sha256.of(weights), t.getAsJsonObject("weights").get("sha256")
			.getAsString());
		assertEquals(Sha256.of(labels), t.getAsJsonObject("regions").get("sha256")
			.getAsString());
		assertEquals(2, t.getAsJsonArray("styles").size());
		assertTrue(t.getAsJsonObject("versions").has("pytorch"), t.toString());
		assertEquals(EngineReport.readDjlVersion(), t.getAsJsonObject("versions")
			.get("djl").getAsString());
		JsonObject settings = t.getAsJsonObject("settings");
		assertEquals(60, settings.get("iterations").getAsInt());
		assertEquals("none", settings.get("colorMode").getAsString());
		assertEquals(1.0, settings.get("strength").getAsDouble());
		// Every evaluation, from iteration 0 to the last, with its losses.
		var losses = t.getAsJsonArray("losses");
		assertEquals(61, losses.size());
		assertEquals(0, losses.get(0).getAsJsonObject().get("iteration")
			.getAsInt());
		assertEquals(60, losses.get(60).getAsJsonObject().get("iteration")
			.getAsInt());
		assertTrue(losses.get(60).getAsJsonObject().get("total")
			.getAsDouble() < losses.get(0).getAsJsonObject().get("total")
				.getAsDouble());
		assertEquals("completed", t.get("outcome").getAsString());
		try (Stream<Path> files = Files.list(dir)) {
			assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(
				".part")), "no temporary file is left");
		}
	}

	@Test
	void everySliceOfAStackTakesTheSameRegions() throws Exception {
		ImagePlus grey = IJ.openImage(content.toString());
		ImageStack stack = new ImageStack(grey.getWidth(), grey.getHeight());
		stack.addSlice("t1", grey.getProcessor().duplicate());
		stack.addSlice("t2", grey.getProcessor().duplicate());
		Path input = dir.resolve("two.tif"), output = dir.resolve("two-styled.tif");
		IJ.saveAsTiff(new ImagePlus("two", stack), input.toString());
		int rc = Main.run("optimize", "--content", input.toString(), "--style", red
			.toString(), "--style", blue.toString(), "--regions", labels.toString(),
			"--weights", weights.toString(), "--iterations", "60", "--line-search",
			"none", "--output", output.toString());
		assertEquals(0, rc, err());
		ImagePlus result = IJ.openImage(output.toString());
		assertEquals(2, result.getStackSize());
		for (int i = 1; i <= 2; i++) {
			assertEquals("t" + i, result.getStack().getSliceLabel(i));
			RegionsTest.assertRedLeftBlueRight(ImageFiles.toRgb(result.getStack()
				.getProcessor(i)), "slice " + i);
		}

		// With the temporal loss: the second slice starts from the first's result
		// and is tied to it, its regions as before.
		Path tied = dir.resolve("two-tied.tif");
		rc = Main.run("optimize", "--content", input.toString(), "--style", red
			.toString(), "--style", blue.toString(), "--regions", labels.toString(),
			"--weights", weights.toString(), "--iterations", "60", "--line-search",
			"none", "--temporal-weight", "100", "--output", tied.toString());
		assertEquals(0, rc, err());
		assertTrue(err().contains("flicker"), err());
		ImagePlus tiedResult = IJ.openImage(tied.toString());
		assertEquals(2, tiedResult.getStackSize());
		for (int i = 1; i <= 2; i++)
			RegionsTest.assertRedLeftBlueRight(ImageFiles.toRgb(tiedResult.getStack()
				.getProcessor(i)), "slice " + i + " with the temporal loss");
	}

	@Test
	void colourModeStrengthAndTheOldFlagReachTheSettings() throws Exception {
		Path trace = dir.resolve("modes.json");
		int rc = Main.run("optimize", "--content", content.toString(), "--style",
			red.toString(), "--weights", weights.toString(), "--iterations", "1",
			"--output", dir.resolve("modes.png").toString(), "--preserve-colors",
			"--strength", "0.5", "--trace", trace.toString());
		assertEquals(0, rc, err());
		JsonObject s = JsonParser.parseString(Files.readString(trace))
			.getAsJsonObject().getAsJsonObject("settings");
		assertEquals("luminance", s.get("colorMode").getAsString());
		assertEquals(0.5, s.get("strength").getAsDouble());
		assertEquals(1e6 * (Math.sqrt(1000) - 1) / 999, s.get(
			"effectiveStyleWeight").getAsDouble(), 1e-6);

		rc = Main.run("optimize", "--content", content.toString(), "--style", red
			.toString(), "--weights", weights.toString(), "--output", dir.resolve(
				"never.png").toString(), "--color-mode", "sepia");
		assertEquals(ExitCodes.USAGE, rc);
		assertTrue(err().contains("none, luminance or histogram"), err());
	}

	@Test
	void labelsAndStylesThatDoNotPairUpAreRefusedBeforeTheRun() throws Exception {
		Path output = dir.resolve("unpaired.png");
		int rc = Main.run("optimize", "--content", content.toString(), "--style",
			red.toString(), "--regions", labels.toString(), "--weights", weights
				.toString(), "--output", output.toString());
		assertEquals(ExitCodes.USAGE, rc);
		assertTrue(err().contains("labels 1 to 2") && err().contains(
			"one --style per label"), err());
		rc = Main.run("optimize", "--content", content.toString(), "--style", red
			.toString(), "--style-mask", labels.toString(), "--weights", weights
				.toString(), "--output", output.toString());
		assertEquals(ExitCodes.USAGE, rc);
		assertTrue(err().contains("go with --regions"), err());
		rc = Main.run("optimize", "--content", red.toString(), "--style", red
			.toString(), "--style", blue.toString(), "--regions", labels.toString(),
			"--weights", weights.toString(), "--output", output.toString());
		assertEquals(ExitCodes.USAGE, rc);
		assertTrue(err().contains("of the content's size"), err());
		assertFalse(Files.exists(output));
	}
}
