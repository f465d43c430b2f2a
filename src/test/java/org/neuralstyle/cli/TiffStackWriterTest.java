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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress stack grows by appending: readable by ImageJ at every moment,
 * labelled, never rewritten whole.
 */
class TiffStackWriterTest {

	@TempDir
	Path dir;

	private static int[] pixels(int n, long seed) {
		Random r = new Random(seed);
		int[] p = new int[n];
		for (int i = 0; i < n; i++)
			p[i] = r.nextInt() & 0xffffff;
		return p;
	}

	private static void assertStack(Path file, List<int[]> slices,
		List<String> labels)
	{
		ImagePlus imp = IJ.openImage(file.toString());
		ImageStack stack = imp.getStack();
		assertEquals(slices.size(), stack.getSize());
		for (int i = 0; i < slices.size(); i++) {
			assertEquals(labels.get(i), stack.getSliceLabel(i + 1));
			int[] read = (int[]) stack.getProcessor(i + 1).getPixels();
			int[] masked = new int[read.length];
			for (int k = 0; k < read.length; k++)
				masked[k] = read[k] & 0xffffff;
			assertArrayEquals(slices.get(i), masked, "slice " + (i + 1));
		}
	}

	@Test
	void aStackThatIsStillGrowingOpensInImageJWithEverySliceAndLabelSoFar()
		throws Exception
	{
		int w = 37, h = 23;
		Path file = dir.resolve("progress.tif");
		List<int[]> slices = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		try (TiffStackWriter writer = new TiffStackWriter(file, w, h)) {
			for (int i = 0; i < 5; i++) {
				slices.add(pixels(w * h, i));
				labels.add("iter " + 10 * i + " total 1.5e+0" + i);
				writer.append(slices.get(i), labels.get(i));
				if (i == 0) writer.publish(false);
				// What a crash leaves at this moment: the file as it is, with the room
				// kept for a next slice.
				Path crashed = dir.resolve("crashed.tif");
				Files.copy(file, crashed,
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				assertStack(crashed, slices, labels);
				// Appending, not rewriting: the pixels take one slice each, the rest is
				// the room for one more and the IFD.
				long sliceBytes = 3L * w * h;
				assertTrue(Files.size(file) < 8 + (i + 2) * sliceBytes + 512 + 64 * (i +
					1), "size " + Files.size(file));
			}
		}
		assertStack(file, slices, labels);
		assertEquals(8 + 5 * 3L * w * h, Files.size(file) - ifdBytes(5, labels),
			"the kept room is given back at the end");
		// Other readers see the first slice.
		assertEquals(w, ImageIO.read(file.toFile()).getWidth());
	}

	private static long ifdBytes(int n, List<String> labels) {
		long b = 2 + 12 * 13 + 4 + 6 + ("ImageJ=1.54p\nimages=" + n + "\nslices=" +
			n + "\nloop=false\n\0").length() + 4 * (n + 1) + 12;
		for (String l : labels)
			b += 2 * l.length();
		return b;
	}

	@Test
	void aStackIsNotPublishedOverAFileThatAppearedAndNothingIsLeftBehind()
		throws Exception
	{
		Path file = dir.resolve("stack.tif");
		try (TiffStackWriter writer = new TiffStackWriter(file, 8, 8)) {
			writer.append(pixels(64, 1), "one");
			Files.writeString(file, "the user's");
			assertThrows(FileAlreadyExistsException.class, () -> writer.publish(
				false));
		}
		assertEquals("the user's", Files.readString(file));
		try (var files = Files.list(dir)) {
			assertEquals(1, files.count());
		}
		try (TiffStackWriter writer = new TiffStackWriter(file, 8, 8)) {
			writer.append(pixels(64, 2), "two");
			writer.publish(true);
		}
		assertStack(file, List.of(pixels(64, 2)), List.of("two"));
		assertFalse(Files.readString(file,
			java.nio.charset.StandardCharsets.ISO_8859_1).contains("the user's"));
	}
}
