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

import java.io.IOException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

class ActivationStoreTest {

	private static final int ROWS = 7, COLUMNS = 9, CHANNELS = 3;

	@Test
	void aWindowReadsBackWhatTheCoresWroteInTheHeap() {
		try (ActivationStore store = ActivationStore.inHeap(ROWS, COLUMNS,
			CHANNELS))
		{
			roundTrip(store);
		}
	}

	@Test
	void aWindowReadsBackWhatTheCoresWroteInAFile() throws IOException {
		try (ActivationStore store = ActivationStore.inFile(ROWS, COLUMNS,
			CHANNELS))
		{
			roundTrip(store);
		}
	}

	/**
	 * Two tiles whose windows overlap write their cores; a window across both
	 * reads the whole image's values.
	 */
	private static void roundTrip(ActivationStore store) {
		float[] image = new float[CHANNELS * ROWS * COLUMNS];
		for (int i = 0; i < image.length; i++)
			image[i] = i * 0.5f - 7;
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray whole = manager.create(image, new Shape(1, CHANNELS, ROWS,
				COLUMNS));
			// Left tile: window columns 0..6, core 0..4; right: window 2..9, core
			// 4..9.
			store.write(whole.get(":, :, :, 0:6"), 0, 0, 0, ROWS, 0, 4);
			store.write(whole.get(":, :, :, 2:9"), 0, 2, 0, ROWS, 2, 7);
			NDArray window = store.read(manager, 1, 6, 3, 8);
			assertEquals(new Shape(1, CHANNELS, 5, 5), window.getShape());
			assertArrayEquals(whole.get(":, :, 1:6, 3:8").toFloatArray(), window
				.toFloatArray());
		}
	}
}
