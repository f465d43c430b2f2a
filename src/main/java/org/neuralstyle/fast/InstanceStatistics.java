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

package org.neuralstyle.fast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Where the InstanceNorm layers of a {@link TransformerNet} take the
 * per-channel mean and variance they normalize by: each image's own
 * ({@link #OWN}, InstanceNorm as PyTorch defines it) or values measured
 * elsewhere. Both run as PyTorch's fused batch norm, a single pass over the
 * activations that autograd differentiates.
 */
interface InstanceStatistics {

	float EPS = 1e-5f;

	/** Each image's own statistics, biased variance: PyTorch's InstanceNorm2d. */
	InstanceStatistics OWN = (layer, x, gamma, beta) -> ownNormalization(x, gamma,
		beta);

	/**
	 * Normalizes N×C×H×W activations of the named layer, then scales by
	 * {@code gamma} and shifts by {@code beta} (C-vectors); the result is in the
	 * manager of {@code x}.
	 */
	NDArray normalize(String layer, NDArray x, NDArray gamma, NDArray beta);

	/**
	 * Batch norm in training mode normalizes by the statistics of its batch, per
	 * channel; with the N images folded into the channel axis, each image-channel
	 * is its own "batch": exactly what PyTorch's instance_norm does. The running
	 * statistics it updates are thrown away.
	 */
	static NDArray ownNormalization(NDArray x, NDArray gamma, NDArray beta) {
		Shape shape = x.getShape();
		long images = shape.get(0);
		long channels = images * shape.get(1);
		NDManager manager = x.getManager();
		NDArray folded = images == 1 ? x : x.reshape(1, channels, shape.get(2),
			shape.get(3));
		NDArray scale = images == 1 ? gamma : gamma.tile(images);
		NDArray shift = images == 1 ? beta : beta.tile(images);
		NDArray normalized = x.getNDArrayInternal().batchNorm(folded, manager.zeros(
			new Shape(channels), x.getDataType()), manager.ones(new Shape(channels), x
				.getDataType()), scale, shift, 1, 0f, EPS, true).singletonOrThrow();
		return images == 1 ? normalized : normalized.reshape(shape);
	}

	/**
	 * Normalization by given per-channel mean and biased variance (C-vectors in
	 * x's manager).
	 */
	static NDArray fixedNormalization(NDArray x, NDArray mean, NDArray variance,
		NDArray gamma, NDArray beta)
	{
		return x.getNDArrayInternal().batchNorm(x, mean, variance, gamma, beta, 1,
			0f, EPS, false).singletonOrThrow();
	}
}
