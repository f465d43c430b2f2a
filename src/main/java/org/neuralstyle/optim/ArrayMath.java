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

package org.neuralstyle.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.neuralstyle.tensor.Scalars;

/**
 * The few vector operations the optimizers share, written the way torch
 * evaluates them and so that every temporary array is closed before they
 * return: only scalars come back to Java.
 */
final class ArrayMath {

	private ArrayMath() {}

	/**
	 * A copy of {@code initial}, cut from any autograd graph, owned by
	 * {@code owner}.
	 */
	static NDArray ownedCopy(NDArray initial, NDManager owner) {
		NDArray copy;
		try (NDArray detached = initial.stopGradient()) {
			copy = detached.duplicate();
		}
		copy.attach(owner);
		return copy;
	}

	/**
	 * target += alpha * v, in place, like torch's
	 * {@code target.add_(v, alpha=alpha)}.
	 */
	static void addScaled(NDArray target, NDArray v, float alpha) {
		try (NDArray scaled = Scalars.times(v, alpha)) {
			target.addi(scaled);
		}
	}

	/**
	 * The inner product of two arrays of any (equal) shape, as torch's dot of
	 * flattened views.
	 */
	static float dot(NDArray a, NDArray b) {
		try (NDArray flatA = a.reshape(-1);
				NDArray flatB = b.reshape(-1);
				NDArray product = flatA.dot(flatB))
		{
			return product.getFloat();
		}
	}

	/** The sum of absolute values (L1 norm). */
	static float sumAbs(NDArray a) {
		try (NDArray abs = a.abs(); NDArray sum = abs.sum()) {
			return sum.getFloat();
		}
	}

	/** The largest absolute value (max norm). */
	static float maxAbs(NDArray a) {
		try (NDArray abs = a.abs(); NDArray max = abs.max()) {
			return max.getFloat();
		}
	}

	/** The largest absolute value of scale * a. */
	static float maxAbsScaled(NDArray a, float scale) {
		try (NDArray scaled = Scalars.times(a, scale)) {
			return maxAbs(scaled);
		}
	}
}
