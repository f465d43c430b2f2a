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

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.neuralstyle.tensor.Scalars;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;

/**
 * An objective whose gradient DJL's autograd computes, written the way the
 * stylizer evaluates its loss: a per-evaluation scope, an optional in-place
 * clamp of the parameters (PyTorch tutorial's {@code input_img.clamp_(0, 1)}
 * inside the closure), a fresh leaf for the gradient.
 */
public final class AutogradObjective implements Objective {

	private final UnaryOperator<NDArray> loss;
	private final float lower;
	private final float upper;
	private int evaluations;

	private AutogradObjective(UnaryOperator<NDArray> loss, float lower,
		float upper)
	{
		this.loss = loss;
		this.lower = lower;
		this.upper = upper;
	}

	public static AutogradObjective of(UnaryOperator<NDArray> loss) {
		return new AutogradObjective(loss, Float.NEGATIVE_INFINITY,
			Float.POSITIVE_INFINITY);
	}

	static AutogradObjective clamped(UnaryOperator<NDArray> loss, float lower,
		float upper)
	{
		return new AutogradObjective(loss, lower, upper);
	}

	public int evaluations() {
		return evaluations;
	}

	@Override
	public Evaluation evaluate(NDArray parameters) {
		evaluations++;
		try (NDManager scope = NDManager.subManagerOf(parameters)) {
			// Arrays computed from the parameters land in the scope and close with
			// it.
			scope.tempAttachAll(parameters);
			if (Float.isFinite(lower) || Float.isFinite(upper)) {
				parameters.intern(parameters.clip(lower, upper));
			}
			NDArray leaf = parameters.duplicate();
			leaf.setRequiresGradient(true);
			float value;
			try (GradientCollector collector = Engine.getInstance()
				.newGradientCollector())
			{
				NDArray result = loss.apply(leaf);
				collector.backward(result);
				value = result.getFloat();
			}
			return new Evaluation(value, leaf.getGradient());
		}
	}

	/**
	 * The Rosenbrock function sum 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2, minimum
	 * 0 at (1, ..., 1).
	 */
	public static NDArray rosenbrock(NDArray x) {
		NDArray head = x.get("0:-1");
		NDArray tail = x.get("1:");
		return Scalars.times(tail.sub(head.square()).square(), 100f).add(Scalars
			.plus(head.neg(), 1f).square()).sum();
	}
}
