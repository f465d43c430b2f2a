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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.ConsoleCapture;

/**
 * {@code optimize} on a multi-slice TIFF: every slice is stylized, into a stack
 * with the slices' labels.
 */
class OptimizeStackCommandTest {

	@TempDir
	Path dir;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	private String err() {
		return console.err();
	}

	@Test
	void everySliceIsStylizedIntoAStackWithTheSameLabels() throws Exception {
		ImageStack stack = new ImageStack(40, 30);
		stack.addSlice("first", ImageFiles.toProcessor(CommandLineTest.noise(40, 30,
			1)));
		stack.addSlice("second", ImageFiles.toProcessor(CommandLineTest.noise(40,
			30, 2)));
		stack.addSlice("third", ImageFiles.toProcessor(CommandLineTest.noise(40, 30,
			1)));
		Path tif = dir.resolve("stack.tif");
		new FileSaver(new ImagePlus("stack", stack)).saveAsTiffStack(tif
			.toString());
		Path style = dir.resolve("style.png");
		ImageFiles.write(CommandLineTest.noise(32, 32, 9), style);

		Path png = dir.resolve("flat.png");
		assertEquals(ExitCodes.USAGE, Main.run("optimize", "--content", tif
			.toString(), "--style", style.toString(), "--weights",
			CommandLineTest.TINY_VGG, "--output", png.toString()));
		assertTrue(err().contains("3 slices") && err().contains("*.tif"), err());
		assertFalse(Files.exists(png));

		Path out = dir.resolve("out.tif");
		assertEquals(0, Main.run("optimize", "--content", tif.toString(), "--style",
			style.toString(), "--weights", CommandLineTest.TINY_VGG, "--iterations",
			"10", "--output", out.toString()), err());
		ImageStack got = IJ.openImage(out.toString()).getStack();
		assertEquals(3, got.getSize());
		assertEquals(40, got.getWidth());
		assertEquals("first", got.getSliceLabel(1));
		assertEquals("second", got.getSliceLabel(2));
		assertEquals("third", got.getSliceLabel(3));

		// Each slice is stylized as the image it is alone: the same as a run on
		// that slice by itself, and never left as the input.
		Path second = dir.resolve("second.png");
		ImageFiles.write(CommandLineTest.noise(40, 30, 2), second);
		Path alone = dir.resolve("alone.tif");
		assertEquals(0, Main.run("optimize", "--content", second.toString(),
			"--style", style.toString(), "--weights", CommandLineTest.TINY_VGG,
			"--iterations", "10", "--output", alone.toString()), err());
		int[] single = (int[]) IJ.openImage(alone.toString()).getProcessor()
			.getPixels();
		assertArrayEquals(single, (int[]) got.getProcessor(2).getPixels());
		assertArrayEquals((int[]) got.getProcessor(1).getPixels(), (int[]) got
			.getProcessor(3).getPixels(), "same slice, same result");
		assertFalse(java.util.Arrays.equals((int[]) got.getProcessor(2).getPixels(),
			(int[]) stack.getProcessor(2).getPixels()), "stylized");

		assertTrue(err().matches(
			"(?s).*Wrote .*out.tif \\(3 of 3 slices\\); flicker [0-9.e+]+ \\(output .*2 pairs\\).*"),
			err());

		// Tied along the stack: the first slice is the same, the others differ.
		Path tied = dir.resolve("tied.tif");
		assertEquals(0, Main.run("optimize", "--content", tif.toString(), "--style",
			style.toString(), "--weights", CommandLineTest.TINY_VGG, "--iterations",
			"10", "--temporal-weight", "100", "--output", tied.toString()), err());
		ImageStack t = IJ.openImage(tied.toString()).getStack();
		assertEquals(3, t.getSize());
		assertArrayEquals((int[]) got.getProcessor(1).getPixels(), (int[]) t
			.getProcessor(1).getPixels());
		assertFalse(java.util.Arrays.equals((int[]) got.getProcessor(3).getPixels(),
			(int[]) t.getProcessor(3).getPixels()));

		assertEquals(ExitCodes.USAGE, Main.run("optimize", "--content", tif
			.toString(), "--style", style.toString(), "--weights",
			CommandLineTest.TINY_VGG, "--temporal-weight", "-1", "--output", dir
				.resolve("never.tif").toString()));
		assertTrue(err().contains("temporal weight must be a finite number >= 0"),
			err());
	}
}
