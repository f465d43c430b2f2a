package org.neuralstyle.loss;

import ai.djl.ndarray.NDArray;

/**
 * Style loss of one layer: the mean squared error between the Gram matrix of a feature map and a
 * target Gram matrix (the style image's, or a blend of several styles'). For a batch, each image's
 * Gram matrix is compared with the one target.
 */
public final class StyleLoss implements FeatureLoss {

	private final NDArray targetGram;

	public StyleLoss(NDArray targetGram) {
		this.targetGram = targetGram;
	}

	@Override
	public NDArray of(NDArray features) {
		NDArray gram = features.getShape().get(0) == 1 ? GramMatrix.of(features) : GramMatrix.ofBatch(features);
		return gram.sub(targetGram).square().mean();
	}
}
