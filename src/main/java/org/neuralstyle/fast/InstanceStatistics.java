package org.neuralstyle.fast;

import ai.djl.ndarray.NDArray;

/**
 * Where the InstanceNorm layers of a {@link TransformerNet} take the per-channel mean and
 * variance they normalize by.
 */
interface InstanceStatistics {

	/** Each image's own statistics: InstanceNorm as PyTorch defines it. */
	InstanceStatistics OWN = (layer, pixels) -> {
		NDArray mean = pixels.mean(new int[] {2}, true);
		return new NDArray[] {mean, pixels.sub(mean).square().mean(new int[] {2}, true)};
	};

	/**
	 * Mean and biased variance to normalize {@code pixels} (N×C×P, the activations of the named
	 * norm layer) with, each N×C×1 or 1×C×1, in the manager of {@code pixels}.
	 */
	NDArray[] of(String layer, NDArray pixels);
}
