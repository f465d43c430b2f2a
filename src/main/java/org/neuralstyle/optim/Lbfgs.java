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
	private final LineSearch lineSearch;

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
		lineSearch = settings.lineSearch;
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

			int stepEvals = 0;
			if (lineSearch == LineSearch.STRONG_WOLFE) {
				LineResult r;
				try (NDArray start = x.duplicate()) {
					r = new StrongWolfe(objective, start, direction, tolChange).search(
						stepLength, loss, grad, gtd);
					// The search leaves x at its start; torch's _add_grad(t, d) then
					// moves it.
					ArrayMath.addScaled(x, direction, (float) r.step());
				}
				stepLength = (float) r.step();
				loss = r.loss();
				grad = r.gradient();
				optCond = ArrayMath.maxAbs(grad) <= tolGrad;
				stepEvals = r.evaluations();
			}
			else if (nIter != maxIterations) {
				ArrayMath.addScaled(x, direction, stepLength);
				// torch does not evaluate after the last update of a step: the next
				// step's first
				// evaluation happens there.
				Evaluation next = objective.evaluate(x);
				grad = next.claimGradient(x, manager);
				loss = next.loss();
				optCond = ArrayMath.maxAbs(grad) <= tolGrad;
				stepEvals = 1;
			}
			else {
				ArrayMath.addScaled(x, direction, stepLength);
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

	/**
	 * What a line search found: the step, the loss and gradient there (the
	 * gradient owned by this optimizer), and the evaluations it made.
	 */
	private record LineResult(double step, double loss, NDArray gradient,
		int evaluations)
	{}

	/**
	 * torch's {@code _strong_wolfe} (c1 1e-4, c2 0.9, at most 25 evaluations):
	 * bracketing, then zooming with {@link #cubicMinimum cubic interpolation},
	 * until a step satisfies the strong Wolfe conditions. Each trial evaluates
	 * the objective at start + t·d and puts the parameters back to the start, as
	 * torch's {@code _directional_evaluate} does. Scalars are doubles where torch
	 * has Python floats; the float32 values (losses, directional derivatives) are
	 * exact in them.
	 */
	private final class StrongWolfe {

		private static final double C1 = 1e-4, C2 = 0.9;
		private static final int MAX_LS = 25;

		private final Objective objective;
		private final NDArray start;
		private final NDArray d;
		private final double tolChange;
		/** Every gradient a trial returned: all but the chosen one are closed. */
		private final List<NDArray> trials = new ArrayList<>();
		private int evaluations;

		StrongWolfe(Objective objective, NDArray start, NDArray d,
			double tolChange)
		{
			this.objective = objective;
			this.start = start;
			this.d = d;
			this.tolChange = tolChange;
		}

		/** Loss and gradient at start + t·d; the parameters return to start. */
		private double[] trial(double t, NDArray[] gradient) {
			ArrayMath.addScaled(x, d, (float) t);
			Evaluation e = objective.evaluate(x);
			NDArray g = e.claimGradient(x, manager);
			trials.add(g);
			x.intern(start.duplicate());
			evaluations++;
			gradient[0] = g;
			return new double[] { e.loss(), ArrayMath.dot(g, d) };
		}

		LineResult search(double t, double f, NDArray g, double gtd) {
			double dNorm = ArrayMath.maxAbs(d);
			NDArray[] out = new NDArray[1];
			double[] r = trial(t, out);
			double fNew = r[0], gtdNew = r[1];
			NDArray gNew = out[0];

			double tPrev = 0, fPrev = f, gtdPrev = gtd;
			NDArray gPrev = g;
			boolean done = false;
			int lsIter = 0;
			double[] bracket = null, bracketF = null, bracketGtd = null;
			NDArray[] bracketG = null;
			while (lsIter < MAX_LS) {
				if (fNew > f + C1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
					bracket = new double[] { tPrev, t };
					bracketF = new double[] { fPrev, fNew };
					bracketG = new NDArray[] { gPrev, gNew };
					bracketGtd = new double[] { gtdPrev, gtdNew };
					break;
				}
				if (Math.abs(gtdNew) <= -C2 * gtd) {
					bracket = new double[] { t };
					bracketF = new double[] { fNew };
					bracketG = new NDArray[] { gNew };
					done = true;
					break;
				}
				if (gtdNew >= 0) {
					bracket = new double[] { tPrev, t };
					bracketF = new double[] { fPrev, fNew };
					bracketG = new NDArray[] { gPrev, gNew };
					bracketGtd = new double[] { gtdPrev, gtdNew };
					break;
				}
				// Extrapolate: a cubic minimum between 1.01 and 10 times the step.
				double minStep = t + 0.01 * (t - tPrev);
				double maxStep = t * 10;
				double tmp = t;
				t = cubicMinimum(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep,
					maxStep);
				tPrev = tmp;
				fPrev = fNew;
				gPrev = gNew;
				gtdPrev = gtdNew;
				r = trial(t, out);
				fNew = r[0];
				gtdNew = r[1];
				gNew = out[0];
				lsIter++;
			}
			if (lsIter == MAX_LS) {
				bracket = new double[] { 0, t };
				bracketF = new double[] { f, fNew };
				bracketG = new NDArray[] { g, gNew };
			}

			// Zoom: shrink the bracket until a point satisfies the conditions.
			boolean insufficientProgress = false;
			int low = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1;
			int high = 1 - low;
			while (!done && lsIter < MAX_LS) {
				if (Math.abs(bracket[1] - bracket[0]) * dNorm < tolChange) break;
				t = cubicMinimum(bracket[0], bracketF[0], bracketGtd[0], bracket[1],
					bracketF[1], bracketGtd[1], Math.min(bracket[0], bracket[1]), Math
						.max(bracket[0], bracket[1]));
				double hi = Math.max(bracket[0], bracket[1]);
				double lo = Math.min(bracket[0], bracket[1]);
				double eps = 0.1 * (hi - lo);
				if (Math.min(hi - t, t - lo) < eps) {
					// Close to an end: after a second time (or at an end), step 10% in.
					if (insufficientProgress || t >= hi || t <= lo) {
						t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
						insufficientProgress = false;
					}
					else insufficientProgress = true;
				}
				else insufficientProgress = false;

				r = trial(t, out);
				fNew = r[0];
				gtdNew = r[1];
				gNew = out[0];
				lsIter++;

				if (fNew > f + C1 * t * gtd || fNew >= bracketF[low]) {
					// Armijo fails or no lower than the lowest: the new high end.
					bracket[high] = t;
					bracketF[high] = fNew;
					bracketG[high] = gNew;
					bracketGtd[high] = gtdNew;
					low = bracketF[0] <= bracketF[1] ? 0 : 1;
					high = 1 - low;
				}
				else {
					if (Math.abs(gtdNew) <= -C2 * gtd) done = true;
					else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
						// The old high end becomes the new low end.
						bracket[high] = bracket[low];
						bracketF[high] = bracketF[low];
						bracketG[high] = bracketG[low];
						bracketGtd[high] = bracketGtd[low];
					}
					bracket[low] = t;
					bracketF[low] = fNew;
					bracketG[low] = gNew;
					bracketGtd[low] = gtdNew;
				}
			}
			if (bracket.length == 1) low = 0;
			NDArray chosen = bracketG[low];
			for (NDArray trialGradient : trials)
				if (trialGradient != chosen) trialGradient.close();
			return new LineResult(bracket[low], bracketF[low], chosen, evaluations);
		}
	}

	/**
	 * torch's {@code _cubic_interpolate}: the minimizer of the cubic through two
	 * points with their values and slopes, kept within [lowBound, highBound]; the
	 * middle of the bounds when the cubic has no minimum.
	 */
	static double cubicMinimum(double x1, double f1, double g1, double x2,
		double f2, double g2, double lowBound, double highBound)
	{
		double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
		double d2Square = d1 * d1 - g1 * g2;
		if (d2Square >= 0) {
			double d2 = Math.sqrt(d2Square);
			double minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 +
				2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
			return Math.min(Math.max(minPos, lowBound), highBound);
		}
		return (lowBound + highBound) / 2;
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
		private LineSearch lineSearch = LineSearch.NONE;

		private Builder() {}

		/**
		 * The line search ({@code line_search_fn}, default none: fixed steps).
		 */
		public Builder lineSearch(LineSearch lineSearch) {
			this.lineSearch = java.util.Objects.requireNonNull(lineSearch);
			return this;
		}

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
