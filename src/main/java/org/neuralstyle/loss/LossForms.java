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

/**
 * The ways the source systems write the content, style and total-variation
 * losses. The PyTorch tutorial takes means of squared errors over Gram matrices
 * divided by C·H·W; yunjey's code, Keras' example, the CS231n assignment and
 * Gatys et al.'s paper each write them differently, and a preset reproduces one
 * of them exactly.
 */
public final class LossForms {

	private LossForms() {}

	/** How the squared errors of one layer are reduced to a number. */
	public enum Reduction {

			/** mean((X − T)²). */
			MEAN,
			/** sum((X − T)²). */
			SUM,
			/** ½·sum((X − T)²), Gatys et al.'s content loss. */
			HALF_SUM;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}
	}

	/** What a Gram matrix F·Fᵀ (F reshaped C×HW) is divided by. */
	public enum GramNormalization {

			/** Nothing: F·Fᵀ. */
			NONE,
			/** The layer's C·H·W (the tutorial, CS231n). */
			CHW;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** What a layer's reduced style error is divided by. */
	public enum StyleDivisor {

			/** Nothing. */
			NONE,
			/** The layer's C·H·W (yunjey's code, on unnormalized Gram matrices). */
			CHW,
			/** 4·N²·M²: N the layer's channels, M its H·W (Gatys et al.). */
			FOUR_N2_M2,
			/**
			 * 4·3²·(H·W)² with H·W the image's, not the layer's, and 3 its channels:
			 * what Keras' example computes.
			 */
			FOUR_IMAGE_C2_HW2;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}
	}

	/** The total-variation loss. */
	public enum TotalVariation {

			/**
			 * mean of squared vertical plus mean of squared horizontal neighbour
			 * differences of the optimized variable (the tutorial's formula).
			 */
			MEAN_SQUARED,
			/**
			 * sum of squared vertical plus sum of squared horizontal differences of
			 * the optimized variable (CS231n).
			 */
			SUM_SQUARED,
			/**
			 * sum((a + b)^1.25) over [0:H−1, 0:W−1], a and b the squared vertical and
			 * horizontal differences, of the image in 0–255 units (Keras' example,
			 * whose variable is in those units).
			 */
			POWER_1_25;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}
	}
}
