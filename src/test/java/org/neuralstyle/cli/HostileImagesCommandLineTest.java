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

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.ConsoleCapture;
import org.neuralstyle.testing.HostileImages;

/**
 * Images a hostile user would give, in both optimize and fast: each ends in one
 * line that says what is wrong, with an exit code and no stack trace, and
 * nothing is written.
 */
class HostileImagesCommandLineTest {

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@TempDir
	static Path dir;
	static Path style;
	static Path bomb;

	@BeforeAll
	static void images() throws Exception {
		style = dir.resolve("style.png");
		ImageFiles.write(CommandLineTest.noise(32, 32, 2), style);
		bomb = HostileImages.decompressionBomb(dir.resolve("bomb.png"), 20000);
	}

	private int optimize(Path content, Path output) {
		return Main.run("optimize", "--content", content.toString(), "--style",
			style.toString(), "--weights", CommandLineTest.TINY_VGG, "--optimizer",
			"adam", "--iterations", "2", "--output", output.toString());
	}

	private int fast(Path input, Path output) {
		return Main.run("fast", "--model", FastCommandLineTest.MODEL, "--input",
			input.toString(), "--output", output.toString(), "--device", "cpu");
	}

	/**
	 * One line starting "error: " and holding {@code expected}: no trace, no
	 * decoder's complaint before it.
	 */
	private void assertOneErrorLine(String expected) {
		List<String> lines = console.err().lines().filter(l -> !l.startsWith(
			"SLF4J") && !l.contains("NNPACK")).toList();
		assertEquals(1, lines.size(), console.err());
		assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(
			expected), console.err());
		assertFalse(console.err().contains("Exception") || console.err().contains(
			"\tat "), console.err());
	}

	@Test
	void aPngDeclaringMorePixelsThanMemoryHoldsIsRefusedFromItsHeaderAtOnce()
		throws Exception
	{
		assertTrue(Files.size(bomb) < 2_000_000, "a small file: " + Files.size(
			bomb));
		long start = System.nanoTime();
		assertEquals(ExitCodes.ERROR, optimize(bomb, dir.resolve(
			"bomb-optimized.png")));
		assertOneErrorLine(
			"bomb.png is 20000×20000 pixels: reading it needs about ");
		assertTrue(console.err().contains("enough for about") && console.err()
			.contains("-Xmx"), console.err());
		console.reset();
		assertEquals(ExitCodes.ERROR, fast(bomb, dir.resolve("bomb-fast.png")));
		assertOneErrorLine("bomb.png is 20000×20000 pixels");
		// Decoding it first took 20 s and ended in an OutOfMemoryError.
		assertTrue(System.nanoTime() - start < 10_000_000_000L,
			"refused without decoding");
		assertFalse(Files.exists(dir.resolve("bomb-optimized.png")) || Files.exists(
			dir.resolve("bomb-fast.png")));
	}

	@Test
	void imagesTooSmallForTheNetworkEndInOneLine() throws Exception {
		Path twoByTwo = dir.resolve("2x2.png"), strip = dir.resolve("strip.png");
		ImageFiles.write(CommandLineTest.noise(2, 2, 3), twoByTwo);
		ImageFiles.write(CommandLineTest.noise(1, 3000, 4), strip);

		assertEquals(ExitCodes.USAGE, optimize(twoByTwo, dir.resolve("o1.png")));
		assertOneErrorLine("needs images of at least");
		assertTrue(console.err().contains("the content image is 2×2"), console
			.err());
		console.reset();
		assertEquals(ExitCodes.USAGE, optimize(strip, dir.resolve("o2.png")));
		assertOneErrorLine("the content image is 1×3000, used at 1×512");
		console.reset();
		assertEquals(ExitCodes.USAGE, Main.run("optimize", "--content", style
			.toString(), "--style", style.toString(), "--weights",
			CommandLineTest.TINY_VGG, "--iterations", "2", "--style-scale", "1e-9",
			"--output", dir.resolve("o3.png").toString()));
		assertOneErrorLine("the style image is 32×32, used at 1×1");
		console.reset();
		assertEquals(ExitCodes.USAGE, fast(twoByTwo, dir.resolve("f1.png")));
		assertOneErrorLine("at least 5×5 pixels; this one is 2×2");
		console.reset();
		assertEquals(ExitCodes.USAGE, fast(strip, dir.resolve("f2.png")));
		assertOneErrorLine("at least 5×5 pixels; this one is 1×3000");
	}

	@Test
	void aCmykJpegIsNamedInOneLineWithoutTheDecodersTrace() throws Exception {
		Path cmyk = HostileImages.cmykJpeg(dir.resolve("print.jpg"));
		assertEquals(ExitCodes.ERROR, optimize(cmyk, dir.resolve("c1.png")));
		assertOneErrorLine(
			"print.jpg is a CMYK JPEG, which Java cannot decode: save it as an RGB JPEG, PNG or TIFF first.");
		console.reset();
		assertEquals(ExitCodes.ERROR, fast(cmyk, dir.resolve("c2.png")));
		assertOneErrorLine("print.jpg is a CMYK JPEG");
	}

	@Test
	void thirtyTwoBitImagesThatWouldComeOutFlatAreRefusedNamingTheDisplayRange()
		throws Exception
	{
		FloatProcessor infinite = new FloatProcessor(40, 30);
		for (int i = 0; i < 40 * 30; i++)
			infinite.setf(i, i % 40);
		infinite.setf(7, Float.POSITIVE_INFINITY);
		Path inf = dir.resolve("infinite.tif");
		new FileSaver(new ImagePlus("infinite", infinite)).saveAsTiff(inf
			.toString());
		FloatProcessor flat = new FloatProcessor(40, 30);
		flat.set(7.5);
		Path constant = dir.resolve("constant.tif");
		new FileSaver(new ImagePlus("constant", flat)).saveAsTiff(constant
			.toString());

		// Both gave an all-black result with exit 0.
		assertEquals(ExitCodes.ERROR, optimize(inf, dir.resolve("i1.png")));
		assertOneErrorLine(
			"infinite.tif is a 32-bit image whose display range is 0 to Infinity (it holds an infinite value)");
		console.reset();
		assertEquals(ExitCodes.ERROR, fast(inf, dir.resolve("i2.png")));
		assertOneErrorLine("display range is 0 to Infinity");
		console.reset();
		assertEquals(ExitCodes.ERROR, optimize(constant, dir.resolve("k1.png")));
		assertOneErrorLine(
			"constant.tif is a 32-bit image whose display range is 7.5 to 7.5 (its ends are equal");
		console.reset();
		assertEquals(ExitCodes.ERROR, fast(constant, dir.resolve("k2.png")));
		assertOneErrorLine("display range is 7.5 to 7.5");
		try (var files = Files.list(dir)) {
			assertTrue(files.noneMatch(f -> f.getFileName().toString().matches(
				"[ik][12]\\.png")), "nothing written");
		}
	}
}
