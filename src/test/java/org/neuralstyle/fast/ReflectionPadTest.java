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

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

/**
 * Reflection padding as PyTorch's ReflectionPad2d: the edge pixel is the
 * mirror, not repeated.
 */
class ReflectionPadTest {

	@Test
	void mirrorsAboutTheEdgePixels() {
		try (NDManager manager = NDManager.newBaseManager()) {
			// rows [1 2 3 4] and [5 6 7 8]
			NDArray x = manager.create(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 },
				new Shape(1, 1, 2, 4));
			NDArray padded = ReflectionPad.pad(x, 1, 0, 2, 3);
			assertEquals(new Shape(1, 1, 3, 9), padded.getShape());
			assertArrayEquals(new float[] { 7, 6, 5, 6, 7, 8, 7, 6, 5, 3, 2, 1, 2, 3,
				4, 3, 2, 1, 7, 6, 5, 6, 7, 8, 7, 6, 5 }, padded.toFloatArray());
		}
	}

	@Test
	void needsMorePixelsThanItPads() {
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray x = manager.zeros(new Shape(1, 3, 4, 4));
			assertThrows(IllegalArgumentException.class, () -> ReflectionPad.pad(x,
				4));
		}
	}
}
