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
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.neuralstyle.tensor.Scalars;

/**
 * Limited-memory BFGS with a fixed step, computing what
 * {@code torch.optim.LBFGS} computes with {@code line_search_fn=None}: the same
 * defaults, update rule and break conditions, the same float32 operations in
 * the same order (so the iterates agree with torch's to rounding), and the same
 * state carried from one {@link #step} to the next. One step with the defaults
 * evaluates the objective 20 times; the step after it starts with an evaluation
 * at the point the last update reached.
 * <p>
 * Unlike PyTorch, the history is also bounded by memory: each remembered update
 * holds two arrays of the parameters' size, so a large image with the default
 * 100 updates would need many gigabytes. The history keeps at most as many
 * updates as fit in the memory budget (at least
 * {@value #MIN_HISTORY_CAPACITY}); below that bound the algorithm is PyTorch's.
 * <p>
 * All vector work runs as NDArray operations on the parameters' device; only
 * scalars (dot products, norms) come back to Java, as they do in PyTorch.
 */
public final class Lbfgs implements Optimizer {

	/** Memory the history may use unless told otherwise. */
	public static final long DEFAULT_MEMORY_BUDGET = 1L << 30;

	/**
	 * The fewest updates a memory budget reduces the history to; fewer make
	 * L-BFGS too crude.
	 */
	public static final int MIN_HISTORY_CAPACITY = 3;

	private final double learningRate;
	private final int maxIterations;
	private final int maxEvaluations;
	private final double toleranceGrad;
	private final double toleranceChange;
	private final int historyCapacity;

	private final NDManager manager;
	private final NDArray x;

	// State carried across steps, named after torch's state dict entries.
	private NDArray direction; // d
	private float stepLength; // t
	private final List<NDArray> gradientChanges = new ArrayList<>(); // old_dirs
																																		// (y)
	private final List<NDArray> parameterChanges = new ArrayList<>(); // old_stps
																																		// (s)
	private final List<Float> curvatureInverses = new ArrayList<>(); // ro = 1 /
																																		// (y . s)
	private final float[] alphas; // al
	private float hessianDiagonal = 1; // H_diag
	private NDArray previousGradient; // prev_flat_grad
	private double previousLoss; // prev_loss
	private int iterations; // n_iter
	private int evaluations; // func_evals
	private boolean converged;

	private Lbfgs(Builder settings, NDArray initial) {
		if (initial.getDataType() != DataType.FLOAT32) {
			throw new IllegalArgumentException(
				"L-BFGS needs float32 parameters, got " + initial.getDataType() +
					"; convert them first.");
		}
		learningRate = settings.learningRate;
		maxIterations = settings.maxIterations;
		maxEvaluations = settings.maxEvaluations > 0 ? settings.maxEvaluations
			: settings.maxIterations * 5 / 4;
		toleranceGrad = settings.toleranceGrad;
		toleranceChange = settings.toleranceChange;
		historyCapacity = historyCapacity(settings.historySize, initial.size(),
			initial.getDataType().getNumOfBytes(), settings.memoryBudget);
		alphas = new float[historyCapacity];
		manager = initial.getManager().newSubManager(initial.getDevice());
		x = ArrayMath.ownedCopy(initial, manager);
	}

	/**
	 * Settings with PyTorch's defaults and a memory budget of
	 * {@link #DEFAULT_MEMORY_BUDGET}.
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * L-BFGS with PyTorch's defaults, starting at (a copy of) {@code initial}.
	 */
	public static Lbfgs create(NDArray initial) {
		return builder().build(initial);
	}

	/**
	 * How many updates the history keeps: {@code historySize}, reduced so that
	 * the two arrays each update holds fit in {@code memoryBudget}, but not below
	 * {@value #MIN_HISTORY_CAPACITY} (nor above {@code historySize}).
	 */
	public static int historyCapacity(int historySize, long parameterCount,
		int bytesPerParameter, long memoryBudget)
	{
		long bytesPerUpdate = 2L * parameterCount * bytesPerParameter;
		long fitting = memoryBudget / Math.max(1, bytesPerUpdate);
		return (int) Math.min(historySize, Math.max(MIN_HISTORY_CAPACITY, fitting));
	}

	/** The number of updates this optimizer's history keeps. */
	public int historyCapacity() {
		return historyCapacity;
	}

	/** The number of updates the history holds now. */
	public int historyLength() {
		return gradientChanges.size();
	}

	/** L-BFGS iterations over all steps so far (PyTorch's {@code n_iter}). */
	public int iterations() {
		return iterations;
	}

	@Override
	public NDArray parameters() {
		return x;
	}

	@Override
	public int evaluations() {
		return evaluations;
	}

	@Override
	public boolean converged() {
		return converged;
	}

	@Override
	public float step(Objective objective) {
		converged = false;
		// torch compares its float32 scalars with these Python floats in float32.
		float tolGrad = (float) toleranceGrad;
		float tolChange = (float) toleranceChange;

		Evaluation first = objective.evaluate(x);
		NDArray grad = first.claimGradient(x, manager);
		float origLoss = first.loss();
		double loss = origLoss;
		int currentEvals = 1;
		evaluations++;

		if (ArrayMath.maxAbs(grad) <= tolGrad) {
			grad.close();
			converged = true;
			return origLoss;
		}

		int nIter = 0;
		boolean optCond = false;
		while (nIter < maxIterations) {
			nIter++;
			iterations++;

			if (iterations == 1) {
				replaceDirection(grad.neg());
				clearHistory();
				hessianDiagonal = 1;
			}
			else {
				remember(grad.sub(previousGradient), Scalars.times(direction,
					stepLength));
				replaceDirection(twoLoopDirection(grad));
			}

			// From here on grad is also the previous gradient; torch copies, we share
			// the array.
			if (previousGradient != null && previousGradient != grad) {
				previousGradient.close();
			}
			previousGradient = grad;
			previousLoss = loss;

			if (iterations == 1) {
				float inverseNorm = 1f / ArrayMath.sumAbs(grad);
				// Python's min(1., v) keeps 1. unless v < 1 (so also for NaN).
				stepLength = (inverseNorm < 1f ? inverseNorm : 1f) *
					(float) learningRate;
			}
			else {
				stepLength = (float) learningRate;
			}

			float gtd = ArrayMath.dot(grad, direction);
			if (gtd > -tolChange) {
				converged = true;
				break;
			}

			ArrayMath.addScaled(x, direction, stepLength);
			int stepEvals = 0;
			if (nIter != maxIterations) {
				// torch does not evaluate after the last update of a step: the next
				// step's first
				// evaluation happens there.
				Evaluation next = objective.evaluate(x);
				grad = next.claimGradient(x, manager);
				loss = next.loss();
				optCond = ArrayMath.maxAbs(grad) <= tolGrad;
				stepEvals = 1;
			}
			currentEvals += stepEvals;
			evaluations += stepEvals;

			if (nIter == maxIterations || currentEvals >= maxEvaluations) {
				break;
			}
			if (optCond || ArrayMath.maxAbsScaled(direction,
				stepLength) <= tolChange || Math.abs(loss -
					previousLoss) < toleranceChange)
			{
				converged = true;
				break;
			}
		}
		if (grad != previousGradient) {
			grad.close();
		}
		return origLoss;
	}

	/**
	 * Stores the update pair if its curvature is positive, else drops it (torch's
	 * ys > 1e-10).
	 */
	private void remember(NDArray gradientChange, NDArray parameterChange) {
		float ys = ArrayMath.dot(gradientChange, parameterChange);
		if (!(ys > 1e-10f)) {
			gradientChange.close();
			parameterChange.close();
			return;
		}
		if (gradientChanges.size() == historyCapacity) {
			gradientChanges.remove(0).close();
			parameterChanges.remove(0).close();
			curvatureInverses.remove(0);
		}
		gradientChanges.add(gradientChange);
		parameterChanges.add(parameterChange);
		curvatureInverses.add(1f / ys);
		hessianDiagonal = ys / ArrayMath.dot(gradientChange, gradientChange);
	}

	/**
	 * The two-loop recursion: the inverse-Hessian approximation applied to -grad,
	 * in one buffer.
	 */
	private NDArray twoLoopDirection(NDArray grad) {
		int count = gradientChanges.size();
		NDArray q = grad.neg();
		for (int i = count - 1; i >= 0; i--) {
			alphas[i] = ArrayMath.dot(parameterChanges.get(i), q) * curvatureInverses
				.get(i);
			ArrayMath.addScaled(q, gradientChanges.get(i), -alphas[i]);
		}
		Scalars.timesInPlace(q, hessianDiagonal);
		for (int i = 0; i < count; i++) {
			float beta = ArrayMath.dot(gradientChanges.get(i), q) * curvatureInverses
				.get(i);
			ArrayMath.addScaled(q, parameterChanges.get(i), alphas[i] - beta);
		}
		return q;
	}

	private void replaceDirection(NDArray newDirection) {
		if (direction != null) {
			direction.close();
		}
		direction = newDirection;
	}

	private void clearHistory() {
		gradientChanges.forEach(NDArray::close);
		parameterChanges.forEach(NDArray::close);
		gradientChanges.clear();
		parameterChanges.clear();
		curvatureInverses.clear();
	}

	@Override
	public void close() {
		// Closing the manager frees x, the direction, the previous gradient and the
		// history.
		manager.close();
		gradientChanges.clear();
		parameterChanges.clear();
		curvatureInverses.clear();
		direction = null;
		previousGradient = null;
	}

	/** L-BFGS settings; unset values are PyTorch's defaults. */
	public static final class Builder {

		private double learningRate = 1;
		private int maxIterations = 20;
		private int maxEvaluations; // 0: max_iter * 5 / 4, as torch
		private double toleranceGrad = 1e-7;
		private double toleranceChange = 1e-9;
		private int historySize = 100;
		private long memoryBudget = DEFAULT_MEMORY_BUDGET;

		private Builder() {}

		/**
		 * The fixed step length after the first iteration ({@code lr}, default 1).
		 */
		public Builder learningRate(double learningRate) {
			if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
				throw new IllegalArgumentException(
					"The L-BFGS learning rate must be a positive number, got " +
						learningRate + ".");
			}
			this.learningRate = learningRate;
			return this;
		}

		/** Iterations per step ({@code max_iter}, default 20). */
		public Builder maxIterations(int maxIterations) {
			this.maxIterations = positive("iterations per step", maxIterations);
			return this;
		}

		/**
		 * Evaluations per step ({@code max_eval}, default
		 * {@code max_iter * 5 / 4}).
		 */
		public Builder maxEvaluations(int maxEvaluations) {
			this.maxEvaluations = positive("evaluations per step", maxEvaluations);
			return this;
		}

		/**
		 * A step ends when no gradient element exceeds this
		 * ({@code tolerance_grad}, 1e-7).
		 */
		public Builder toleranceGrad(double toleranceGrad) {
			this.toleranceGrad = nonNegative("gradient tolerance", toleranceGrad);
			return this;
		}

		/**
		 * A step ends when loss or parameters change less
		 * ({@code tolerance_change}, 1e-9).
		 */
		public Builder toleranceChange(double toleranceChange) {
			this.toleranceChange = nonNegative("change tolerance", toleranceChange);
			return this;
		}

		/**
		 * Updates remembered ({@code history_size}, default 100), before the memory
		 * bound.
		 */
		public Builder historySize(int historySize) {
			this.historySize = positive("history size", historySize);
			return this;
		}

		/**
		 * Bytes the history may occupy (default {@link #DEFAULT_MEMORY_BUDGET}).
		 */
		public Builder memoryBudget(long bytes) {
			if (bytes <= 0) {
				throw new IllegalArgumentException(
					"The L-BFGS memory budget must be a positive number of bytes, got " +
						bytes + ".");
			}
			this.memoryBudget = bytes;
			return this;
		}

		/**
		 * An optimizer starting at a copy of {@code initial} (float32, any shape,
		 * any device); the caller keeps and may close {@code initial}.
		 */
		public Lbfgs build(NDArray initial) {
			return new Lbfgs(this, initial);
		}

		private static int positive(String what, int value) {
			if (value < 1) {
				throw new IllegalArgumentException("The L-BFGS " + what +
					" must be at least 1, got " + value + ".");
			}
			return value;
		}

		private static double nonNegative(String what, double value) {
			if (!(value >= 0)) {
				throw new IllegalArgumentException("The L-BFGS " + what +
					" must be 0 or more, got " + value + ".");
			}
			return value;
		}
	}
}
