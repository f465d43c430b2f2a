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

import java.util.List;

import org.neuralstyle.tensor.Scalars;

/**
 * Style loss of one layer with a style per region (Gatys et al. 2017): for each
 * region, the mean squared error between the output's guided Gram matrix over
 * the region ({@link GramMatrix#guided}) and the region's target, times the
 * region's weight, summed over the regions. Positions outside every region
 * carry no style loss.
 */
public final class GuidedStyleLoss implements FeatureLoss {

	/**
	 * One region at this layer: its weights at the layer's resolution, their sum,
	 * the target Gram matrix (C×C) and the region's weight.
	 */
	public record Guide(NDArray mask, double area, NDArray target, float weight) {
	}

	private final List<Guide> guides;

	public GuidedStyleLoss(List<Guide> guides) {
		if (guides.isEmpty()) throw new IllegalArgumentException(
			"A guided style loss needs at least one region");
		this.guides = List.copyOf(guides);
	}

	@Override
	public NDArray of(NDArray features) {
		NDArray total = null;
		for (Guide g : guides) {
			NDArray term = Scalars.times(GramMatrix.guided(features, g.mask(), g
				.area()).sub(g.target()).square().mean(), g.weight());
			total = total == null ? term : total.add(term);
		}
		return total;
	}
}
