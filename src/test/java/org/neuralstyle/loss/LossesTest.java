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

package org.neuralstyle.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Loss values against numbers computed by hand. */
class LossesTest {

	@Test
	void gramMatrixIsFFTransposedOverCHW() {
		try (NDManager m = NDManager.newBaseManager()) {
			// F = [[1,2],[3,4]] as a 1x2x1x2 map: F·Fᵀ = [[5,11],[11,25]], divided by
			// C·H·W = 4.
			NDArray f = m.create(new float[] { 1, 2, 3, 4 }, new Shape(1, 2, 1, 2));
			assertArrayEquals(new float[] { 1.25f, 2.75f, 2.75f, 6.25f }, GramMatrix
				.of(f).toFloatArray(), 1e-6f);
		}
	}

	@Test
	void contentLossIsWeightedMeanSquaredError() {
		try (NDManager m = NDManager.newBaseManager()) {
			NDArray target = m.create(new float[] { 1, 1, 1, 1 }, new Shape(1, 1, 2,
				2));
			NDArray f = m.create(new float[] { 2, 3, 1, 5 }, new Shape(1, 1, 2, 2));
			// squared errors 1, 4, 0, 16: mean 5.25; layer weight 2
			LayerSum loss = new LayerSum().add("conv2_2", 2f, new ContentLoss(
				target));
			assertEquals(10.5f, loss.of(Map.of("conv2_2", f)).getFloat(), 1e-6f);
		}
	}

	@Test
	void styleLossSumsGramErrorsOverLayers() {
		try (NDManager m = NDManager.newBaseManager()) {
			NDArray f = m.create(new float[] { 1, 2, 3, 4 }, new Shape(1, 2, 1, 2));
			NDArray zero = m.zeros(new Shape(2, 2));
			NDArray g = GramMatrix.of(f);
			// against zero: mean(1.25², 2.75², 2.75², 6.25²) = 55.75 / 4 = 13.9375;
			// against itself: 0
			LayerSum loss = new LayerSum().add("a", 1f, new StyleLoss(zero)).add("b",
				1f, new StyleLoss(g));
			assertEquals(13.9375f, loss.of(Map.of("a", f, "b", f)).getFloat(), 1e-5f);
			LayerSum half = new LayerSum().add("a", 0.5f, new StyleLoss(zero));
			assertEquals(6.96875f, half.of(Map.of("a", f)).getFloat(), 1e-5f);
			assertEquals(0f, new LayerSum().of(Map.of("a", f)).getFloat(), 0f,
				"no layers: no loss");
		}
	}

	@Test
	void totalVariationIsMeanSquaredNeighbourDifferences() {
		try (NDManager m = NDManager.newBaseManager()) {
			// [[0,1],[3,5]]: vertical differences 3, 4 -> mean square 12.5;
			// horizontal 1, 2 -> 2.5
			NDArray img = m.create(new float[] { 0, 1, 3, 5 }, new Shape(1, 1, 2, 2));
			assertEquals(15f, TotalVariation.of(img).getFloat(), 1e-6f);
			NDArray flat = m.ones(new Shape(1, 3, 4, 5));
			assertEquals(0f, TotalVariation.of(flat).getFloat(), 0f);
		}
	}
}
