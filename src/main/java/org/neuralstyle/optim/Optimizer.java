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
 * A gradient-based minimizer of one parameter array, stepped like a PyTorch
 * optimizer: {@code step(objective)} does what {@code optimizer.step(closure)}
 * does.
 * <p>
 * The optimizer owns its parameter array and all its state arrays;
 * {@link #close()} frees them. Read the result from {@link #parameters()} (copy
 * it out before closing).
 */
public interface Optimizer extends AutoCloseable {

	/**
	 * Performs one optimization step, calling {@code objective} one or more
	 * times.
	 *
	 * @return the loss of the step's first evaluation, as PyTorch's {@code step}
	 *         returns it
	 */
	float step(Objective objective);

	/**
	 * The live parameter array the optimizer updates in place and passes to the
	 * objective. Do not close it; copy it (e.g. {@code duplicate()}) to keep a
	 * snapshot.
	 */
	NDArray parameters();

	/**
	 * Objective evaluations over all steps so far (PyTorch's {@code func_evals}).
	 */
	int evaluations();

	/**
	 * Whether the last step ended on a convergence tolerance rather than on its
	 * iteration or evaluation budget. Further steps then make little or no
	 * progress, so a caller may stop.
	 */
	boolean converged();

	/** Frees the parameter array and every state array. */
	@Override
	void close();
}
