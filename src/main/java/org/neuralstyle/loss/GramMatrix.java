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
 * The Gram matrix of a feature map: correlations between channels, with the
 * spatial layout summed away, which is what Gatys et al. take as "style". For a
 * 1×C×H×W map F (reshaped C×HW) it is F·Fᵀ / (C·H·W), the normalization of the
 * PyTorch tutorial, so that layers of different sizes contribute comparably.
 */
public final class GramMatrix {

	private GramMatrix() {}

	public static NDArray of(NDArray features) {
		return of(features, LossForms.GramNormalization.CHW);
	}

	/** F·Fᵀ, divided by C·H·W or not as {@code normalization} says. */
	public static NDArray of(NDArray features,
		LossForms.GramNormalization normalization)
	{
		long[] s = features.getShape().getShape();
		if (s.length != 4 || s[0] != 1) throw new IllegalArgumentException(
			"Expected a 1xCxHxW feature map, got " + features.getShape());
		long c = s[1], hw = s[2] * s[3];
		NDArray gram = product(features.reshape(c, hw), null);
		return normalization == LossForms.GramNormalization.CHW ? Scalars.dividedBy(
			gram, (float) (c * hw)) : gram;
	}

	/**
	 * The guided Gram matrix of a region (Gatys et al., "Controlling perceptual
	 * factors in neural style transfer", 2017): Σ_p m_p·f_p·f_pᵀ / (C·Σ_p m_p)
	 * over positions p, with the region's weight m_p at each position. The
	 * normalization by the region's size, not the map's, makes a region's Gram
	 * matrix comparable with a whole style image's; a mask of ones gives
	 * {@link #of}.
	 *
	 * @param features a 1×C×H×W feature map
	 * @param mask the region's weights at the map's resolution, H·W values (any
	 *          shape)
	 * @param area Σ_p m_p, positive
	 */
	public static NDArray guided(NDArray features, NDArray mask, double area) {
		long[] s = features.getShape().getShape();
		if (s.length != 4 || s[0] != 1) throw new IllegalArgumentException(
			"Expected a 1xCxHxW feature map, got " + features.getShape());
		long c = s[1], hw = s[2] * s[3];
		return Scalars.dividedBy(product(features.reshape(c, hw), mask.reshape(1,
			hw)), (float) (c * area));
	}

	/**
	 * (F∘m)·Fᵀ for a C×N matrix F and weights m per position (1×N; null: all 1),
	 * with one C×N matrix product fewer in the backward pass. Autograd
	 * differentiates both factors of F·Fᵀ: two C×N products. Here the right
	 * factor is held constant, P = (F∘m)·F̄ᵀ, so autograd differentiates the left
	 * one only, which gives half the gradient; the result 2P − P̄ has P's value
	 * to the bit (2P − P is exact in floating point) and doubles the gradient
	 * back, on C×C arrays only. The gradient is then 2·(∂L/∂G)·(F∘m), the whole
	 * gradient for any loss whose ∂L/∂G is symmetric, as every loss of a Gram
	 * matrix here is (a function of G and of symmetric targets).
	 */
	public static NDArray product(NDArray f, NDArray weights) {
		NDArray constant = f.stopGradient();
		NDArray left = weights == null ? f : f.mul(weights);
		try (NDArray half = left.matMul(constant.transpose());
				NDArray twice = Scalars.times(half, 2f);
				NDArray fixed = half.stopGradient())
		{
			return twice.sub(fixed);
		}
		finally {
			// The weighted copy is the product's input only: autograd keeps the
			// constant factor it needs by itself.
			if (left != f) left.close();
		}
	}

	/**
	 * The Gram matrix of each feature map of a batch: N×C×H×W to N×C×C, each
	 * divided by C·H·W as pytorch/examples' {@code utils.gram_matrix} does for
	 * training fast style networks.
	 */
	public static NDArray ofBatch(NDArray features) {
		long[] s = features.getShape().getShape();
		if (s.length != 4) throw new IllegalArgumentException(
			"Expected an NxCxHxW batch of feature maps, got " + features.getShape());
		long c = s[1], hw = s[2] * s[3];
		NDArray f = features.reshape(s[0], c, hw);
		return Scalars.dividedBy(f.batchMatMul(f.transpose(0, 2, 1)), (float) (c *
			hw));
	}
}
