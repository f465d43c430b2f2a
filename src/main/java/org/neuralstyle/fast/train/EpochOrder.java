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

package org.neuralstyle.fast.train;

import java.util.Random;

/**
 * The order in which the training images are visited in each epoch: a shuffle
 * drawn from the seed and the epoch's number alone, so a training resumed at
 * any step sees the same batches as one that never stopped.
 */
final class EpochOrder {

	private final int images;
	private final long seed;
	private int cachedEpoch = -1;
	private int[] cached;

	EpochOrder(int images, long seed) {
		if (images < 1) throw new IllegalArgumentException("No images to order");
		this.images = images;
		this.seed = seed;
	}

	/** A permutation of 0 … images−1. */
	int[] order(int epoch) {
		if (epoch != cachedEpoch) {
			int[] order = new int[images];
			for (int i = 0; i < images; i++)
				order[i] = i;
			// Fisher–Yates, as Collections.shuffle, on a generator of this epoch
			// only.
			Random random = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
			for (int i = images - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				int t = order[i];
				order[i] = order[j];
				order[j] = t;
			}
			cached = order;
			cachedEpoch = epoch;
		}
		return cached;
	}
}
