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

package org.neuralstyle.optimize;

import ai.djl.ndarray.NDArray;

/**
 * The optimization's weighted loss of an image (flat, 3·H·W values) and its
 * gradient: computed on the whole image at once
 * ({@link GatysStylizer.LossFunction}) or tile by tile ({@link TiledLoss}),
 * with the same result up to float rounding.
 */
interface ImageLoss extends AutoCloseable {

	/** The losses at {@code x}. */
	LossValues losses(NDArray x);

	/**
	 * The losses at {@code x} and the gradient of their total: a new array in
	 * {@code x}'s manager.
	 */
	GatysStylizer.Graded gradient(NDArray x);

	/** Frees what the loss holds outside its manager (nothing, by default). */
	@Override
	default void close() {}
}
