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
import ai.djl.ndarray.index.NDIndex;

import org.neuralstyle.tensor.Scalars;

/**
 * Total-variation loss: mean of the squared vertical plus mean of the squared
 * horizontal differences between neighbouring pixels of a 1×3×H×W image.
 * Penalizing it smooths away the high-frequency noise the pixel optimization
 * otherwise leaves behind.
 */
public final class TotalVariation {

	private TotalVariation() {}

	/**
	 * The total-variation loss of a 1×3×H×W array in the form {@code form} says
	 * (the caller scales the array to the form's units).
	 */
	public static NDArray of(NDArray image, LossForms.TotalVariation form) {
		return switch (form) {
			case MEAN_SQUARED -> of(image);
			case SUM_SQUARED -> {
				NDArray dy = image.get(new NDIndex(":, :, 1:, :")).sub(image.get(
					new NDIndex(":, :, :-1, :")));
				NDArray dx = image.get(new NDIndex(":, :, :, 1:")).sub(image.get(
					new NDIndex(":, :, :, :-1")));
				yield dy.square().sum().add(dx.square().sum());
			}
			case POWER_1_25 -> {
				NDArray corner = image.get(new NDIndex(":, :, :-1, :-1"));
				NDArray a = corner.sub(image.get(new NDIndex(":, :, 1:, :-1")))
					.square();
				NDArray b = corner.sub(image.get(new NDIndex(":, :, :-1, 1:")))
					.square();
				yield Scalars.power(a.add(b), 1.25f).sum();
			}
		};
	}

	public static NDArray of(NDArray image) {
		NDArray dy = image.get(new NDIndex(":, :, 1:, :")).sub(image.get(
			new NDIndex(":, :, :-1, :")));
		NDArray dx = image.get(new NDIndex(":, :, :, 1:")).sub(image.get(
			new NDIndex(":, :, :, :-1")));
		return dy.square().mean().add(dx.square().mean());
	}
}
