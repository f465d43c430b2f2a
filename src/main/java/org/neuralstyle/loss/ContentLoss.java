package org.neuralstyle.loss;

import ai.djl.ndarray.NDArray;

/**
 * Content loss of one layer: the mean squared error between a feature map and the content image's
 * feature map there, a constant (no gradient).
 */
public final class ContentLoss implements FeatureLoss {

	private final NDArray target;

	public ContentLoss(NDArray target) {
		this.target = target;
	}

	@Override
	public NDArray of(NDArray features) {
		return features.sub(target).square().mean();
	}
}
