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
 * Style loss of one layer: the mean squared error between the Gram matrix of a
 * feature map and a target Gram matrix (the style image's, or a blend of
 * several styles'). For a batch, each image's Gram matrix is compared with the
 * one target.
 */
public final class StyleLoss implements FeatureLoss {

	private final NDArray targetGram;
	private final LossForms.GramNormalization normalization;
	private final LossForms.Reduction reduction;
	private final LossForms.StyleDivisor divisor;
	private final long imagePixels;

	/**
	 * The tutorial's: the mean squared error of Gram matrices divided by C·H·W.
	 */
	public StyleLoss(NDArray targetGram) {
		this(targetGram, LossForms.GramNormalization.CHW, LossForms.Reduction.MEAN,
			LossForms.StyleDivisor.NONE, 0);
	}

	/**
	 * A style loss in one of the source systems' forms. {@code targetGram} must
	 * be normalized as {@code normalization} says; {@code imagePixels} is the
	 * optimized image's H·W, which
	 * {@link LossForms.StyleDivisor#FOUR_IMAGE_C2_HW2} needs.
	 */
	public StyleLoss(NDArray targetGram,
		LossForms.GramNormalization normalization, LossForms.Reduction reduction,
		LossForms.StyleDivisor divisor, long imagePixels)
	{
		this.targetGram = targetGram;
		this.normalization = normalization;
		this.reduction = reduction;
		this.divisor = divisor;
		this.imagePixels = imagePixels;
	}

	@Override
	public NDArray of(NDArray features) {
		boolean single = features.getShape().get(0) == 1;
		NDArray gram = single ? GramMatrix.of(features, normalization) : GramMatrix
			.ofBatch(features);
		NDArray error = ContentLoss.reduce(gram.sub(targetGram).square(),
			reduction);
		long[] s = features.getShape().getShape();
		double c = s[1], hw = (double) s[2] * s[3];
		return switch (divisor) {
			case NONE -> error;
			case CHW -> Scalars.dividedBy(error, (float) (c * hw));
			case FOUR_N2_M2 -> Scalars.dividedBy(error, (float) (4 * c * c * hw *
				hw));
			case FOUR_IMAGE_C2_HW2 -> Scalars.dividedBy(error, (float) (4.0 * 9 *
				((double) imagePixels * imagePixels)));
		};
	}
}
