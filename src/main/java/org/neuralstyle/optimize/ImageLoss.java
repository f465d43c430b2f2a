package org.neuralstyle.optimize;

import ai.djl.ndarray.NDArray;

/**
 * The optimization's weighted loss of an image (flat, 3·H·W values) and its gradient: computed on
 * the whole image at once ({@link GatysStylizer.LossFunction}) or tile by tile ({@link TiledLoss}),
 * with the same result up to float rounding.
 */
interface ImageLoss {

	/** The losses at {@code x}. */
	LossValues losses(NDArray x);

	/** The losses at {@code x} and the gradient of their total: a new array in {@code x}'s manager. */
	GatysStylizer.Graded gradient(NDArray x);
}
