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

package org.neuralstyle.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.neuralstyle.image.Mask;
import org.neuralstyle.image.RgbImage;

/** Strength and region blending of fast models' outputs, by hand. */
class BlendingTest {

	private static final int GREY = 0xff646464, WHITE = 0xffffffff, RED =
		0xffff0000, BLUE = 0xff0000ff;

	@Test
	void strengthIsALinearBlendWithTheContent() {
		int[] styled = { WHITE, WHITE };
		Blending.withContent(new int[] { GREY, GREY }, styled, 0.25);
		// 0.25·255 + 0.75·100 = 138.75
		assertEquals(0xff8b8b8b, styled[0]);
		int[] full = { WHITE };
		Blending.withContent(new int[] { GREY }, full, 1);
		assertEquals(WHITE, full[0]);
		int[] none = { WHITE };
		Blending.withContent(new int[] { GREY }, none, 0);
		assertEquals(GREY, none[0]);
		assertThrows(IllegalArgumentException.class, () -> Blending.withContent(
			new int[1], new int[1], 1.5));
	}

	@Test
	void eachRegionTakesItsModelAndTheRestTheContent() {
		// 3 pixels in a row: region 1, region 2, neither; hard edges.
		Mask a = new Mask(3, 1, new float[] { 1, 0, 0 }), b = new Mask(3, 1,
			new float[] { 0, 1, 0 });
		int[] content = { GREY, GREY, GREY };
		int[] out = Blending.regions(content, List.of(new int[] { RED, RED, RED },
			new int[] { BLUE, BLUE, BLUE }), List.of(a, b), 1, 0);
		assertArrayEquals(new int[] { RED, BLUE, GREY }, out);
		// Half strength: half the model's, half the content.
		out = Blending.regions(content, List.of(new int[] { RED, RED, RED },
			new int[] { BLUE, BLUE, BLUE }), List.of(a, b), 0.5, 0);
		assertEquals(0xffb23232, out[0]);
	}

	@Test
	void
		planarPicturesBlendAsPackedOnesAndKeepTheContentExactlyWhereNoRegionIs()
	{
		int w = 24;
		float[] left = new float[w], middle = new float[w];
		for (int x = 0; x < w; x++)
			(x < 8 ? left : x < 16 ? middle : new float[w])[x] = 1;
		List<Mask> masks = List.of(new Mask(w, 1, left), new Mask(w, 1, middle));
		int[] content = new int[w], red = new int[w], blue = new int[w];
		java.util.Arrays.fill(content, GREY);
		java.util.Arrays.fill(red, RED);
		java.util.Arrays.fill(blue, BLUE);
		int[] packed = Blending.regions(content, List.of(red, blue), masks, 0.8,
			1.5);
		RgbImage planar = Blending.regions(planar(content), List.of(planar(red),
			planar(blue)), masks, 0.8, 1.5);
		for (int x = 0; x < w; x++)
			for (int c = 0; c < 3; c++)
				assertEquals((packed[x] >> (16 - 8 * c)) & 0xff, planar.get(c, x, 0) *
					255, 0.5, "column " + x + ", channel " + c);
		// Finer than 8 bits (a 16-bit image's grey), far from both regions: kept.
		RgbImage fine = new RgbImage(w, 1, new float[3 * w]);
		java.util.Arrays.fill(fine.planes(), 0.123456f);
		RgbImage kept = Blending.regions(fine, List.of(planar(red), planar(blue)),
			masks, 1, 1.5);
		assertEquals(0.123456f, kept.get(1, w - 1, 0));
		assertThrows(IllegalArgumentException.class, () -> Blending.regions(fine,
			List.of(planar(red)), masks, 1, 0));
	}

	/** Packed RGB as planar values in [0,1]. */
	private static RgbImage planar(int[] packed) {
		int n = packed.length;
		float[] p = new float[3 * n];
		for (int i = 0; i < n; i++)
			for (int c = 0; c < 3; c++)
				p[c * n + i] = ((packed[i] >> (16 - 8 * c)) & 0xff) / 255f;
		return new RgbImage(n, 1, p);
	}

	@Test
	void featheredEdgesMeetWithoutASeam() {
		int w = 40;
		float[] left = new float[w], right = new float[w];
		for (int x = 0; x < w; x++)
			(x < w / 2 ? left : right)[x] = 1;
		int[] red = new int[w], blue = new int[w];
		java.util.Arrays.fill(red, RED);
		java.util.Arrays.fill(blue, BLUE);
		int[] out = Blending.regions(new int[w], List.of(red, blue), List.of(
			new Mask(w, 1, left), new Mask(w, 1, right)), 1, 3);
		assertEquals(RED, out[0]);
		assertEquals(BLUE, out[w - 1]);
		// Red falls and blue rises step by step across the edge, and the two add up
		// to full.
		for (int x = 1; x < w; x++) {
			int r = (out[x] >> 16) & 0xff, b = out[x] & 0xff;
			assertEquals(255, r + b, 1, "column " + x);
			assertEquals(true, r <= ((out[x - 1] >> 16) & 0xff), "column " + x);
		}
	}
}
