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

/**
 * What one {@link Objective} evaluation returns: the loss and its gradient with
 * respect to the parameters.
 * <p>
 * Building an Evaluation hands the gradient over to the optimizer: the
 * constructor detaches it from its manager at once, so the objective may close
 * its per-evaluation scope right after (and must not close the gradient
 * itself). The optimizer closes it when it no longer needs it; L-BFGS keeps it
 * as the previous gradient into the next iteration. So the gradient must be an
 * array of the parameters' shape that nothing writes later: the gradient of a
 * fresh leaf made for this evaluation, or {@code getGradient().duplicate()} of
 * a leaf whose gradient buffer the next backward pass writes into again.
 *
 * @param loss the objective's value, as PyTorch's {@code float(closure())}
 * @param gradient d loss / d parameters, same shape as the parameters
 */
public record Evaluation(float loss, NDArray gradient) {

	public Evaluation {
		if (gradient == null) {
			throw new IllegalArgumentException(
				"An evaluation needs the gradient of the loss with " +
					"respect to the parameters, got none.");
		}
		if (!gradient.isReleased()) {
			gradient.detach();
		}
	}

	/**
	 * Checks that the gradient can serve as the gradient of {@code parameters}
	 * and moves it into {@code owner}.
	 */
	NDArray claimGradient(NDArray parameters, NDManager owner) {
		if (gradient.isReleased()) {
			throw new IllegalStateException(
				"The objective closed its gradient before the optimizer " +
					"could use it; leave closing the gradient to the optimizer.");
		}
		if (gradient == parameters) {
			// The constructor detached it.
			parameters.attach(owner);
			throw new IllegalStateException(
				"The objective returned the parameter array as its " +
					"gradient; return a separate array, e.g. leaf.getGradient().duplicate().");
		}
		if (!gradient.getShape().equals(parameters.getShape())) {
			throw new IllegalStateException("The objective's gradient has shape " +
				gradient.getShape() + " but the parameters have shape " + parameters
					.getShape() +
				"; return the gradient with respect to the parameter array itself.");
		}
		gradient.attach(owner);
		return gradient;
	}
}
