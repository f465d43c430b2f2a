package org.neuralstyle.fast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Where the InstanceNorm layers of a {@link TransformerNet} take the per-channel mean and
 * variance they normalize by.
 */
interface InstanceStatistics {

	/** Each image's own statistics: InstanceNorm as PyTorch defines it. */
	InstanceStatistics OWN = (layer, activations) -> {
		NDArray pixels = flatten(activations);
		NDArray mean = pixels.mean(new int[] {2}, true);
		return new NDArray[] {mean, pixels.sub(mean).square().mean(new int[] {2}, true)};
	};

	/**
	 * Mean and biased variance to normalize {@code activations} (N×C×H×W, the input of the named
	 * norm layer) with, each N×C×1 or 1×C×1, in the manager of {@code activations}.
	 */
	NDArray[] of(String layer, NDArray activations);

	/**
	 * N×C×H×W as N×C×(H·W): the PyTorch engine of DJL reduces over a single axis only.
	 */
	static NDArray flatten(NDArray activations) {
		Shape shape = activations.getShape();
		return activations.reshape(shape.get(0), shape.get(1), shape.get(2) * shape.get(3));
	}
}
