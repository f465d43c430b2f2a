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

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuralstyle.tensor.NoGradient;

/**
 * Reflection padding as PyTorch's ReflectionPad2d: the edge pixel is the
 * mirror, not repeated.
 */
class ReflectionPadTest {

	@ParameterizedTest(name = "records gradients: {0}")
	@ValueSource(booleans = { true, false })
	void mirrorsAboutTheEdgePixels(boolean recording) throws Exception {
		try (NDManager manager = NDManager.newBaseManager();
				AutoCloseable mode = mode(recording))
		{
			// rows [1 2 3 4] and [5 6 7 8]
			NDArray x = manager.create(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 },
				new Shape(1, 1, 2, 4));
			NDArray padded = ReflectionPad.pad(x, 1, 0, 2, 3);
			assertEquals(new Shape(1, 1, 3, 9), padded.getShape());
			assertArrayEquals(new float[] { 7, 6, 5, 6, 7, 8, 7, 6, 5, 3, 2, 1, 2, 3,
				4, 3, 2, 1, 7, 6, 5, 6, 7, 8, 7, 6, 5 }, padded.toFloatArray());
		}
	}

	@ParameterizedTest(name = "records gradients: {0}")
	@ValueSource(booleans = { true, false })
	void needsMorePixelsThanItPads(boolean recording) throws Exception {
		try (NDManager manager = NDManager.newBaseManager();
				AutoCloseable mode = mode(recording))
		{
			NDArray x = manager.zeros(new Shape(1, 3, 4, 4));
			assertThrows(IllegalArgumentException.class, () -> ReflectionPad.pad(x,
				4));
		}
	}

	/**
	 * Inference writes the borders into one zero-padded copy; with gradients
	 * recorded the borders are concatenated: the same values to the bit, for
	 * every side's own amount.
	 */
	@Test
	void inferenceAndTrainingPadAlike() throws Exception {
		Random r = new Random(3);
		float[] v = new float[2 * 3 * 7 * 9];
		for (int i = 0; i < v.length; i++)
			v[i] = r.nextFloat();
		int[][] amounts = { { 1, 1, 1, 1 }, { 4, 4, 4, 4 }, { 0, 2, 3, 0 }, { 3, 0,
			0, 5 }, { 2, 5, 1, 6 } };
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray x = manager.create(v, new Shape(2, 3, 7, 9));
			for (int[] a : amounts) {
				float[] concatenated, inPlace;
				try (AutoCloseable mode = mode(true)) {
					concatenated = ReflectionPad.pad(x, a[0], a[1], a[2], a[3])
						.toFloatArray();
				}
				try (AutoCloseable mode = mode(false)) {
					inPlace = ReflectionPad.pad(x, a[0], a[1], a[2], a[3]).toFloatArray();
				}
				assertArrayEquals(concatenated, inPlace, 0f, java.util.Arrays.toString(
					a));
			}
		}
	}

	/** Gradient recording on or off on this thread until closed. */
	private static AutoCloseable mode(boolean recording) {
		if (!recording) return NoGradient.enter();
		GradientCollector collector = Engine.getInstance().newGradientCollector();
		return collector::close;
	}
}
