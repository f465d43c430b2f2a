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

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.neuralstyle.tensor.Scalars;

/**
 * Adam, computing exactly what {@code torch.optim.Adam} computes on its
 * single-tensor path (no weight decay, no AMSGrad): moment averages updated in
 * float32, bias corrections in double precision, one objective evaluation per
 * {@link #step}.
 * <p>
 * The two moment averages are as large as the parameters. When the device is
 * short of memory they can live on the host ({@link #onHost}): each step then
 * copies the gradient there, updates the moments and computes the update there,
 * and copies the update back, one parameter-sized transfer each way. The
 * arithmetic is the same operations in the same order, so the iterates are the
 * same; only where the state lives changes.
 */
public final class Adam implements Optimizer {

	/** PyTorch's default learning rate. */
	public static final double DEFAULT_LEARNING_RATE = 1e-3;

	private final double learningRate;
	private final double beta1;
	private final double beta2;
	private final double epsilon;

	private final NDManager manager;
	/** Where the moments live: {@link #manager}, or one on the host. */
	private final NDManager momentManager;
	private final boolean momentsOnHost;
	private final NDArray x;
	private final NDArray firstMoment; // exp_avg
	private final NDArray secondMoment; // exp_avg_sq
	private int steps;

	/** Adam with PyTorch's betas (0.9, 0.999) and epsilon (1e-8). */
	public Adam(NDArray initial, double learningRate) {
		this(initial, learningRate, 0.9, 0.999, 1e-8, false);
	}

	/**
	 * Adam with PyTorch's betas and epsilon whose moment averages live on the
	 * host (the CPU) whatever the parameters' device: for a device too short of
	 * memory to hold them. On the CPU the host is the same memory, so this only
	 * adds two copies per step.
	 */
	public static Adam onHost(NDArray initial, double learningRate) {
		return new Adam(initial, learningRate, 0.9, 0.999, 1e-8, true);
	}

	/** The same with the given betas and epsilon. */
	public static Adam onHost(NDArray initial, double learningRate, double beta1,
		double beta2, double epsilon)
	{
		return new Adam(initial, learningRate, beta1, beta2, epsilon, true);
	}

	/** Adam with the given betas and epsilon, its moments on the device. */
	public Adam(NDArray initial, double learningRate, double beta1, double beta2,
		double epsilon)
	{
		this(initial, learningRate, beta1, beta2, epsilon, false);
	}

	/**
	 * Adam starting at a copy of {@code initial} (float32, any shape, any
	 * device); the caller keeps and may close {@code initial}.
	 */
	private Adam(NDArray initial, double learningRate, double beta1, double beta2,
		double epsilon, boolean momentsOnHost)
	{
		if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
			throw new IllegalArgumentException(
				"The Adam learning rate must be a positive number, got " +
					learningRate + ".");
		}
		if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
			throw new IllegalArgumentException(
				"Adam's betas must lie in [0, 1), got " + beta1 + " and " + beta2 +
					".");
		}
		if (!(epsilon >= 0)) {
			throw new IllegalArgumentException(
				"Adam's epsilon must be 0 or more, got " + epsilon + ".");
		}
		if (initial.getDataType() != DataType.FLOAT32) {
			throw new IllegalArgumentException("Adam needs float32 parameters, got " +
				initial.getDataType() + "; convert them first.");
		}
		this.learningRate = learningRate;
		this.beta1 = beta1;
		this.beta2 = beta2;
		this.epsilon = epsilon;
		manager = initial.getManager().newSubManager(initial.getDevice());
		x = ArrayMath.ownedCopy(initial, manager);
		this.momentsOnHost = momentsOnHost;
		momentManager = momentsOnHost ? initial.getManager().newSubManager(Device
			.cpu()) : manager;
		firstMoment = momentManager.zeros(x.getShape(), DataType.FLOAT32);
		secondMoment = momentManager.zeros(x.getShape(), DataType.FLOAT32);
	}

	/** Whether the moment averages live on the host rather than the device. */
	public boolean momentsOnHost() {
		return momentsOnHost;
	}

	@Override
	public float step(Objective objective) {
		Evaluation evaluation = objective.evaluate(x);
		try (NDArray claimed = evaluation.claimGradient(x, manager);
				NDArray grad = momentsOnHost ? toHost(claimed) : claimed)
		{
			steps++;
			Scalars.timesInPlace(firstMoment, (float) beta1);
			ArrayMath.addScaled(firstMoment, grad, (float) (1 - beta1));
			Scalars.timesInPlace(secondMoment, (float) beta2);
			// torch's addcmul_ computes value * g * g left to right.
			try (NDArray scaled = Scalars.times(grad, (float) (1 - beta2))) {
				secondMoment.addi(scaled.muli(grad));
			}

			double biasCorrection1 = 1 - Math.pow(beta1, steps);
			double biasCorrection2 = 1 - Math.pow(beta2, steps);
			double stepSize = learningRate / biasCorrection1;
			double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);

			// torch's addcdiv_ computes value * m / denom left to right.
			try (NDArray denominator = secondMoment.sqrt();
					NDArray update = Scalars.times(firstMoment, (float) -stepSize))
			{
				Scalars.plusInPlace(Scalars.dividedByInPlace(denominator,
					(float) biasCorrection2Sqrt), (float) epsilon);
				update.divi(denominator);
				if (!momentsOnHost) x.addi(update);
				else try (NDArray back = update.toDevice(x.getDevice(), true)) {
					x.addi(back);
				}
			}
		}
		return evaluation.loss();
	}

	/**
	 * A copy of the gradient on the host, in the moments' manager. Always a copy
	 * (also on the CPU), so that the gradient's own array is closed as on the
	 * device path.
	 */
	private NDArray toHost(NDArray grad) {
		NDArray copy = grad.toDevice(Device.cpu(), true);
		copy.attach(momentManager);
		return copy;
	}

	/**
	 * What torch's {@code optimizer.state_dict()} holds for the parameter: both
	 * moment averages (copied out) and the step count. A checkpoint that keeps it
	 * resumes with exactly the updates an uninterrupted run would have made.
	 */
	public State state() {
		return new State(firstMoment.toFloatArray(), secondMoment.toFloatArray(),
			steps);
	}

	/**
	 * Gives {@code target} these values. {@code duplicate} copies into memory
	 * PyTorch owns: the created array's memory is a Java buffer that would be
	 * collected once the array is gone.
	 */
	private void replace(NDArray target, float[] values) {
		try (NDArray loaded = momentManager.create(values, target.getShape())) {
			target.intern(loaded.duplicate());
		}
	}

	/**
	 * Continues from a saved {@link #state()}, as torch's
	 * {@code load_state_dict}.
	 */
	public void restore(State state) {
		long size = x.size();
		if (state.firstMoment().length != size || state
			.secondMoment().length != size)
		{
			throw new IllegalArgumentException(
				"The saved Adam state holds moments of " + state.firstMoment().length +
					" and " + state.secondMoment().length +
					" values, the parameters have " + size +
					": it belongs to another model.");
		}
		if (state.steps() < 0) {
			throw new IllegalArgumentException(
				"The saved Adam state has a negative step count, " + state.steps() +
					".");
		}
		// Not NDArray.set: DJL's native set uses a guard that PyTorch deprecated,
		// and PyTorch prints a warning about it that users read as an error. A new
		// array, copied natively, replaces the handle.
		replace(firstMoment, state.firstMoment());
		replace(secondMoment, state.secondMoment());
		steps = state.steps();
	}

	/**
	 * Adam's state for one parameter array.
	 *
	 * @param firstMoment exp_avg, flattened
	 * @param secondMoment exp_avg_sq, flattened
	 * @param steps updates made, which the bias corrections depend on
	 */
	public record State(float[] firstMoment, float[] secondMoment, int steps) {
	}

	/** Steps taken so far. */
	public int steps() {
		return steps;
	}

	@Override
	public NDArray parameters() {
		return x;
	}

	@Override
	public int evaluations() {
		return steps;
	}

	/** Adam has no convergence test; it always runs the steps it is asked for. */
	@Override
	public boolean converged() {
		return false;
	}

	@Override
	public void close() {
		if (momentsOnHost) momentManager.close();
		manager.close();
	}
}
