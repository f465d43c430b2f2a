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

package org.neuralstyle.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Masks: from labels, pooled to a layer's size, feathered. */
class MaskTest {

	@Test
	void aLabelsMaskIsOneWhereTheLabelIs() {
		Mask m = Mask.ofLabel(new int[] { 0, 1, 2, 1 }, 2, 2, 1);
		assertArrayEquals(new float[] { 0, 1, 0, 1 }, m.weights());
		assertEquals(2, m.area());
	}

	@Test
	void poolingAveragesEachCellAndDropsWhatDoesNotFillOne() {
		// 5×3: cells of 2×2 cover columns 0-3 and rows 0-1, as a 2×2 pooling
		// would.
		float[] w = { 1, 1, 0, 0, 1, //
			1, 0, 0, 0, 1, //
			1, 1, 1, 1, 1 };
		Mask pooled = new Mask(5, 3, w).pooled(2);
		assertEquals(2, pooled.width());
		assertEquals(1, pooled.height());
		assertArrayEquals(new float[] { 0.75f, 0f }, pooled.weights());
		// Pooling by 4 is pooling by 2 twice (averages of equal cells).
		Mask big = Mask.ofLabel(stripes(16, 8), 16, 8, 1);
		assertArrayEquals(big.pooled(2).pooled(2).weights(), big.pooled(4)
			.weights(), 1e-6f);
	}

	@Test
	void featheringSoftensTheEdgeAndKeepsTheFarSides() {
		int[] halves = new int[40 * 4];
		for (int i = 0; i < halves.length; i++)
			halves[i] = i % 40 < 20 ? 1 : 0;
		Mask soft = Mask.ofLabel(halves, 40, 4, 1).feathered(2);
		assertEquals(1f, soft.weights()[0], 1e-6f);
		assertEquals(0f, soft.weights()[39], 1e-6f);
		assertEquals(0.5f, (soft.weights()[19] + soft.weights()[20]) / 2, 1e-3f);
		assertTrue(soft.weights()[19] < 1 && soft.weights()[20] > 0);
	}

	@Test
	void
		theOutsideOfTheLabelsMasksIsLabelZeroAndOfOverlappingSelectionsWhatNoneCovers()
	{
		int[] labels = { 0, 1, 2, 0, 2, 1 };
		Mask outside = Mask.outside(List.of(Mask.ofLabel(labels, 3, 2, 1), Mask
			.ofLabel(labels, 3, 2, 2)));
		assertArrayEquals(Mask.ofLabel(labels, 3, 2, 0).weights(), outside
			.weights());
		Mask a = new Mask(2, 2, new float[] { 1, 1, 0, 0 }), b = new Mask(2, 2,
			new float[] { 0, 1, 0.25f, 0 });
		assertArrayEquals(new float[] { 0, 0, 0.75f, 1 }, Mask.outside(List.of(a,
			b)).weights());
		assertThrows(IllegalArgumentException.class, () -> Mask.outside(List.of(a,
			Mask.full(3, 2))));
	}

	@Test
	void weightsOutsideZeroToOneAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> new Mask(1, 1,
			new float[] { 2 }));
	}

	private static int[] stripes(int w, int h) {
		int[] l = new int[w * h];
		for (int i = 0; i < l.length; i++)
			l[i] = (i % w) % 3 == 0 || (i / w) % 5 == 0 ? 1 : 0;
		return l;
	}
}
