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
import ij.process.ColorProcessor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.TestPictures;

/**
 * {@code fast --temporal-smoothing} on a panning time-lapse: the frames are
 * steadied and the flicker is reported.
 */
class FastTemporalSmoothingTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();
	private PrintStream oldErr;

	@BeforeEach
	void capture() {
		oldErr = System.err;
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restore() {
		System.setErr(oldErr);
	}

	private String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	/** The flicker metric of the last run, from its report line. */
	private double flicker() {
		String line = err().lines().filter(l -> l.contains(": flicker ")).reduce((a,
			b) -> b).orElseThrow(() -> new AssertionError(err()));
		return Double.parseDouble(line.replaceAll(".*: flicker ([^ ]+) .*", "$1"));
	}

	@Test
	void smoothingSteadiesAPanAndReportsTheFlicker() throws Exception {
		ColorProcessor world = ImageFiles.toProcessor(TestPictures.landscape(64, 36,
			5));
		ImageStack stack = new ImageStack(48, 32);
		for (int t = 0; t < 5; t++) {
			world.setRoi(2 + 2 * t, 2, 48, 32);
			stack.addSlice("t" + t, world.crop());
		}
		Path tif = dir.resolve("movie.tif");
		new FileSaver(new ImagePlus("movie", stack)).saveAsTiffStack(tif
			.toString());

		Path raw = dir.resolve("raw.tif"), steady = dir.resolve("steady.tif");
		assertEquals(0, Main.run("fast", "--model", FastCommandLineTest.MODEL,
			"--input", tif.toString(), "--output", raw.toString(),
			"--temporal-smoothing", "0"), err());
		double rawFlicker = flicker();
		assertEquals(0, Main.run("fast", "--model", FastCommandLineTest.MODEL,
			"--input", tif.toString(), "--output", steady.toString(),
			"--temporal-smoothing", "0.6"), err());
		double steadyFlicker = flicker();
		assertTrue(steadyFlicker < rawFlicker, "smoothed " + steadyFlicker +
			", raw " + rawFlicker);

		ImageStack a = IJ.openImage(raw.toString()).getStack(), b = IJ.openImage(
			steady.toString()).getStack();
		assertEquals(5, b.getSize());
		assertEquals("t4", b.getSliceLabel(5));
		assertArrayEquals((int[]) a.getProcessor(1).getPixels(), (int[]) b
			.getProcessor(1).getPixels(), "the first frame has no predecessor");
		assertFalse(java.util.Arrays.equals((int[]) a.getProcessor(5).getPixels(),
			(int[]) b.getProcessor(5).getPixels()));

		assertEquals(ExitCodes.USAGE, Main.run("fast", "--model",
			FastCommandLineTest.MODEL, "--input", tif.toString(), "--output", dir
				.resolve("never.tif").toString(), "--temporal-smoothing", "1"));
		assertTrue(err().contains("below 1"), err());
	}
}
