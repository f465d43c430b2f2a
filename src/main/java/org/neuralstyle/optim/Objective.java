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

/**
 * The function an {@link Optimizer} minimizes, the counterpart of the closure
 * that PyTorch's {@code optimizer.step(closure)} calls: it returns the loss and
 * its gradient at the current parameters.
 * <p>
 * The optimizer calls {@link #evaluate} once per function evaluation, always
 * with its own parameter array ({@link Optimizer#parameters()}). That makes the
 * call the place for work that belongs to every evaluation: the objective may
 * change the array in place before computing (the optimization stylizer clamps
 * the image to [0, 1] there, as the PyTorch tutorial does inside its closure;
 * in DJL {@code parameters.intern(parameters.clip(0, 1))}), and the optimizer
 * goes on from whatever the array holds when {@code evaluate} returns. Counting
 * calls here counts evaluations, which is what style-transfer code reports as
 * "iterations". The objective must not close the parameter array. Arrays
 * computed from it land in the optimizer's manager unless the objective scopes
 * them, e.g.
 * {@code try (NDManager scope = NDManager.subManagerOf(parameters)) { scope.tempAttachAll(parameters); ... }}.
 * <p>
 * An exception thrown here (for example to cancel a long run) leaves the
 * optimizer's step; the parameters then hold the point that was being
 * evaluated, and the optimizer may only be read and closed, not stepped again.
 */
@FunctionalInterface
public interface Objective {

	/**
	 * Loss and gradient at {@code parameters}. The gradient becomes the
	 * optimizer's: see {@link Evaluation}.
	 */
	Evaluation evaluate(NDArray parameters);
}
