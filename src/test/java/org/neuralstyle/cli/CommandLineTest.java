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

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.ConsoleCapture;
import org.neuralstyle.image.RgbImage;

/**
 * The command line end to end on a tiny VGG: files, progress stack, log lines,
 * exit codes, messages.
 */
class CommandLineTest {

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	static final String TINY_VGG = Path.of(
		"src/test/resources/fixtures/parity/tiny_vgg.pth").toAbsolutePath()
		.toString();

	@TempDir
	static Path dir;
	static Path content;
	static Path style;

	@BeforeAll
	static void images() throws Exception {
		content = dir.resolve("content.png");
		style = dir.resolve("style.jpg");
		ImageFiles.write(noise(40, 30, 1), content);
		ImageFiles.write(noise(32, 32, 2), style);
	}

	static RgbImage noise(int w, int h, long seed) {
		Random r = new Random(seed);
		float[] p = new float[3 * w * h];
		for (int i = 0; i < p.length; i++)
			p[i] = r.nextFloat();
		return new RgbImage(w, h, p);
	}

	@AfterEach
	void restore() {
		System.clearProperty("neuralstyle.offline");
		System.clearProperty("neuralstyle.cache");
	}

	@Test
	void optimizeWritesTheResultTheProgressStackAndLossLines() throws Exception {
		Path output = dir.resolve("result.png");
		Path progress = dir.resolve("progress.tif");
		int rc = Main.run("optimize", "--content", content.toString(), "--style",
			style.toString(), "--weights", TINY_VGG, "--iterations", "20", "--output",
			output.toString(), "--progress", progress.toString(), "--snapshot-every",
			"5", "--log-every", "10",
			// Fixed steps: one step is exactly the 20 evaluations counted below.
			"--line-search", "none");
		assertEquals(0, rc, console.err());
		ImagePlus result = IJ.openImage(output.toString());
		assertEquals(40, result.getWidth());
		assertEquals(30, result.getHeight());
		ImageStack stack = IJ.openImage(progress.toString()).getStack();
		assertEquals(5, stack.getSize(),
			"iterations 0, 5, 10, 15 and the final 20");
		assertTrue(stack.getSliceLabel(1).startsWith("iter 0 "), stack
			.getSliceLabel(1));
		assertTrue(stack.getSliceLabel(5).startsWith("iter 20 "), stack
			.getSliceLabel(5));
		List<String> lines = console.out().lines().filter(l -> l.startsWith(
			"iter ")).toList();
		assertEquals(3, lines.size(), console.out());
		assertTrue(lines.get(0).matches(
			"iter 0 content [-0-9.e+]+ style [-0-9.e+]+ tv [-0-9.e+]+ total [-0-9.e+]+"),
			lines.get(0));
		assertTrue(lines.get(2).startsWith("iter 20 "));
		double first = Double.parseDouble(lines.get(0).replaceAll(".* total ", ""));
		double last = Double.parseDouble(lines.get(2).replaceAll(".* total ", ""));
		assertTrue(last < first, console.out());
	}

	@Test
	void anExistingOutputIsNeverOverwrittenWithoutOverwrite() throws Exception {
		Path output = dir.resolve("kept.png");
		Files.write(output, new byte[] { 1, 2, 3 });
		int rc = Main.run("optimize", "--content", content.toString(), "--style",
			style.toString(), "--weights", TINY_VGG, "--iterations", "1", "--output",
			output.toString());
		assertEquals(ExitCodes.USAGE, rc);
		assertTrue(console.err().contains("already exists") && console.err()
			.contains("--overwrite"), console.err());
		assertEquals(3, Files.size(output));
	}

	@Test
	void missingInputsAndBadValuesEndInOneClearLine() throws Exception {
		Path output = dir.resolve("never.png");
		int rc = Main.run("optimize", "--content", dir.resolve("nope.png")
			.toString(), "--style", style.toString(), "--weights", TINY_VGG,
			"--output", output.toString());
		assertEquals(ExitCodes.ERROR, rc);
		assertTrue(console.err().contains("Image file not found") && console.err()
			.contains("nope.png"), console.err());
		assertFalse(console.err().contains("\tat "), "no stack trace: " + console
			.err());

		rc = Main.run("optimize", "--content", content.toString(), "--style", style
			.toString(), "--weights", TINY_VGG, "--iterations", "0", "--output",
			output.toString());
		assertEquals(ExitCodes.USAGE, rc);
		assertTrue(console.err().contains("iterations must be at least 1"), console
			.err());

		rc = Main.run("optimize", "--content", content.toString(), "--style", style
			.toString(), "--weights", content.toString(), "--output", output
				.toString());
		assertEquals(ExitCodes.ERROR, rc);
		assertTrue(console.err().contains(
			"not a PyTorch or safetensors checkpoint"), console.err());

		rc = Main.run("optimize", "--content", content.toString(), "--style", style
			.toString(), "--weights", TINY_VGG, "--style-layers", "conv7_1",
			"--output", output.toString());
		assertEquals(ExitCodes.USAGE, rc);
		assertTrue(console.err().contains("conv7_1"), console.err());
		assertFalse(Files.exists(output));
	}

	@Test
	void withoutWeightsOfflineTheRunStopsAtOnceNamingTheUrlAndTheRemedies()
		throws Exception
	{
		System.setProperty("neuralstyle.offline", "true");
		System.setProperty("neuralstyle.cache", dir.resolve("cache").toString());
		long t0 = System.nanoTime();
		int rc = Main.run("optimize", "--content", content.toString(), "--style",
			style.toString(), "--output", dir.resolve("offline.png").toString());
		double seconds = (System.nanoTime() - t0) / 1e9;
		assertEquals(ExitCodes.ERROR, rc);
		String e = console.err();
		assertTrue(e.contains(
			"https://download.pytorch.org/models/vgg19-dcbb9e9d.pth"), e);
		assertTrue(e.contains("vgg19-dcbb9e9d.pth") && e.contains("--weights") && e
			.contains("weights import"), e);
		assertTrue(e.contains(dir.resolve("cache").toString()),
			"names the cache folder: " + e);
		assertTrue(seconds < 10, "took " + seconds + " s");
	}

	@Test
	void weightsVerifyAndImport() throws Exception {
		System.setProperty("neuralstyle.cache", dir.resolve("cache2").toString());
		assertEquals(0, Main.run("weights", "verify", TINY_VGG));
		assertTrue(console.out().contains("matches no known model") && console.out()
			.contains("tensors"), console.out());
		assertEquals(ExitCodes.USAGE, Main.run("weights", "import", TINY_VGG));
		assertTrue(console.err().contains("matches no known model"), console.err());
		assertEquals(0, Main.run("weights", "list"));
		assertTrue(console.out().contains("vgg19") && console.out().contains(
			"missing"), console.out());
	}
}
