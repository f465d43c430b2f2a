package org.neuralstyle.fast.train;

import java.util.Random;

/**
 * The order in which the training images are visited in each epoch: a shuffle drawn from the
 * seed and the epoch's number alone, so a training resumed at any step sees the same batches as
 * one that never stopped.
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
			for (int i = 0; i < images; i++) order[i] = i;
			// Fisher–Yates, as Collections.shuffle, on a generator of this epoch only.
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
