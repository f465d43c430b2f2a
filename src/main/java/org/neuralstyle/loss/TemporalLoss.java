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

/**
 * The short-term temporal loss of Ruder, Dosovitskiy and Brox (2016): the
 * weighted mean squared difference between the image and the previous plane's
 * result warped onto it, (1/D) Σ c·(x − w)², with D the number of values
 * (3·H·W) and c the per-pixel weight that is 0 at disocclusions and motion
 * boundaries. Ties a plane of a stack to its predecessor where the motion is
 * known, and leaves it free where it is not.
 */
public final class TemporalLoss {

	private final NDArray target;
	private final NDArray weights;

	/**
	 * {@code target}: the warped previous result, 1×3×H×W; {@code weights}:
	 * 1×1×H×W, broadcast over the channels. Both are constants.
	 */
	public TemporalLoss(NDArray target, NDArray weights) {
		this.target = target;
		this.weights = weights;
	}

	/** The loss of a 1×3×H×W image. */
	public NDArray of(NDArray image) {
		return image.sub(target).square().mul(weights).mean();
	}
}
