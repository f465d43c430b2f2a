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

package org.neuralstyle.loss;

import ai.djl.ndarray.NDArray;

import org.neuralstyle.tensor.Scalars;

/**
 * Content loss of one layer: the mean squared error between a feature map and
 * the content image's feature map there, a constant (no gradient).
 */
public final class ContentLoss implements FeatureLoss {

	private final NDArray target;
	private final LossForms.Reduction reduction;

	/** The tutorial's: the mean squared error. */
	public ContentLoss(NDArray target) {
		this(target, LossForms.Reduction.MEAN);
	}

	public ContentLoss(NDArray target, LossForms.Reduction reduction) {
		this.target = target;
		this.reduction = reduction;
	}

	@Override
	public NDArray of(NDArray features) {
		return reduce(features.sub(target).square(), reduction);
	}

	/** The squared errors reduced as {@code reduction} says. */
	static NDArray reduce(NDArray squared, LossForms.Reduction reduction) {
		return switch (reduction) {
			case MEAN -> squared.mean();
			case SUM -> squared.sum();
			case HALF_SUM -> Scalars.times(squared.sum(), 0.5f);
		};
	}
}
