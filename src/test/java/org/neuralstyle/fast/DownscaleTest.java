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
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.neuralstyle.image.RgbImage;

class DownscaleTest {

	private static RgbImage counting(int width, int height) {
		float[] planes = new float[3 * width * height];
		for (int i = 0; i < planes.length; i++)
			planes[i] = i;
		return new RgbImage(width, height, planes);
	}

	@Test
	void averagesBlocks() {
		RgbImage shrunk = Downscale.byFactor(counting(5, 4), 2);
		assertEquals(2, shrunk.width());
		assertEquals(2, shrunk.height());
		// Red rows 0-1 hold 0..4 and 5..9: the block of columns 0-1 averages 0, 1,
		// 5, 6.
		assertEquals(3f, shrunk.get(0, 0, 0));
		assertEquals(5f, shrunk.get(0, 1, 0));
		assertEquals(13f, shrunk.get(0, 0, 1));
		assertEquals(23f, shrunk.get(1, 0, 0), "green starts at 20");
	}

	@Test
	void shrinksByTheSmallestFactorThatFitsTheBudget() {
		RgbImage image = counting(30, 20);
		assertSame(image, Downscale.toPixelBudget(image, 600, 5));
		RgbImage half = Downscale.toPixelBudget(image, 599, 5);
		assertArrayEquals(new int[] { 15, 10 }, new int[] { half.width(), half
			.height() });
		RgbImage third = Downscale.toPixelBudget(image, 100, 5);
		assertArrayEquals(new int[] { 10, 6 }, new int[] { third.width(), third
			.height() });
	}

	@Test
	void keepsTheShortSideUsable() {
		RgbImage strip = Downscale.toPixelBudget(counting(1000, 12), 100, 5);
		assertEquals(6, strip.height());
		assertEquals(500, strip.width());
	}
}
