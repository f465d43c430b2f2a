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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tiles cover the axis, overlap as asked, and their weights hand over smoothly
 * and sum to 1.
 */
class TileAxisTest {

	@ParameterizedTest
	@CsvSource({ "300, 512, 128", "512, 512, 128", "513, 512, 128",
		"1000, 512, 128", "2049, 512, 64", "333, 128, 64", "250, 100, 0",
		"97, 64, 32" })
	void tilesCoverTheAxisOnTheStrideGridWithWeightsThatSumToOne(int length,
		int tileSize, int overlap)
	{
		TileAxis axis = new TileAxis(length, tileSize, overlap);
		assertEquals(0, axis.start(0));
		assertEquals(length, axis.start(axis.count() - 1) + axis.size(axis.count() -
			1));
		double[] sum = new double[length];
		for (int t = 0; t < axis.count(); t++) {
			assertTrue(axis.size(t) <= tileSize);
			assertEquals(0, axis.start(t) % TileAxis.STRIDE, "tile " + t +
				" starts at " + axis.start(t));
			for (int k = 0; k < axis.size(t); k++)
				sum[axis.start(t) + k] += axis.weight(t, k);
			if (t + 1 < axis.count()) {
				int shared = axis.start(t) + axis.size(t) - axis.start(t + 1);
				assertTrue(shared >= overlap, "tiles " + t + " and " + (t + 1) +
					" overlap by " + shared);
			}
		}
		for (int p = 0; p < length; p++)
			assertEquals(1, sum[p], 1e-6, "weight sum at " + p);
	}

	@ParameterizedTest
	@CsvSource({ "1000, 512, 128", "2049, 512, 64", "333, 128, 64" })
	void aTileCountsNothingNearItsInnerEdgesAndFullyInItsMiddle(int length,
		int tileSize, int overlap)
	{
		TileAxis axis = new TileAxis(length, tileSize, overlap);
		for (int t = 0; t < axis.count(); t++) {
			int size = axis.size(t);
			if (t > 0) for (int k = 0; k < overlap / 4; k++)
				assertEquals(0, axis.weight(t, k), "tile " + t + " at " + k +
					" from its left edge");
			if (t + 1 < axis.count()) for (int k = size - overlap / 4; k < size; k++)
				assertEquals(0, axis.weight(t, k), "tile " + t + " at " + (size - k) +
					" from its right edge");
			assertEquals(1, axis.weight(t, size / 2), 1e-6, "the middle of tile " +
				t);
		}
	}

	@ParameterizedTest
	@CsvSource({ "1000, 512, 128", "2049, 512, 64" })
	void handsOverGradually(int length, int tileSize, int overlap) {
		TileAxis axis = new TileAxis(length, tileSize, overlap);
		float largestStep = 0;
		for (int t = 0; t < axis.count(); t++)
			for (int k = 1; k < axis.size(t); k++)
				largestStep = Math.max(largestStep, Math.abs(axis.weight(t, k) - axis
					.weight(t, k - 1)));
		// A cosine ramp across half the overlap changes by at most pi/overlap per
		// pixel.
		assertTrue(largestStep <= Math.PI / overlap + 1e-6, "weight jumps by " +
			largestStep);
	}
}
