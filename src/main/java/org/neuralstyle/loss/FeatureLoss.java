package org.neuralstyle.loss;

import ai.djl.ndarray.NDArray;

/** A loss on the feature map of one layer: a scalar in the feature map's gradient graph. */
@FunctionalInterface
public interface FeatureLoss {

	NDArray of(NDArray features);
}
