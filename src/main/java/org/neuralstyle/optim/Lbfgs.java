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
	// old_dirs (y)
	private final List<NDArray> gradientChanges = new ArrayList<>();
	// old_stps (s)
	private final List<NDArray> parameterChanges = new ArrayList<>();
	// ro = 1 / (y . s)
	private final List<Float> curvatureInverses = new ArrayList<>();
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

			boolean firstStepIsTensor = false;
			if (iterations == 1) {
				float inverseNorm = 1f / ArrayMath.sumAbs(grad);
				firstStepIsTensor = inverseNorm < 1f;
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
					// torch's first step min(1, 1/|g|_1)·lr is a tensor when the
					// reciprocal wins, a Python float otherwise.
					Num t = firstStepIsTensor ? Num.f32(stepLength) : Num.py(
						learningRate);
					r = new StrongWolfe(objective, start, direction, tolChange).search(t,
						Num.py(loss), grad, Num.f32(gtd));
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
				// step's first evaluation happens there.
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
			int evaluations) {
	}

	/**
	 * torch's {@code _strong_wolfe} (c1 1e-4, c2 0.9, at most 25 evaluations):
	 * bracketing, then zooming with {@link #cubicMinimum cubic interpolation},
	 * until a step satisfies the strong Wolfe conditions. Each trial evaluates
	 * the objective at start + t·d and puts the parameters back to the start, as
	 * torch's {@code _directional_evaluate} does. Its scalars are {@link Num}s:
	 * float32 where torch's are 0-dimensional tensors, double where they are
	 * Python floats, so the comparisons decide as torch's do.
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
		// The latest trial's loss (a Python float), slope (a tensor), gradient.
		private Num fNew, gtdNew;
		private NDArray gNew;

		StrongWolfe(Objective objective, NDArray start, NDArray d,
			double tolChange)
		{
			this.objective = objective;
			this.start = start;
			this.d = d;
			this.tolChange = tolChange;
		}

		/** Loss and gradient at start + t·d; the parameters return to start. */
		private void trial(Num t) {
			ArrayMath.addScaled(x, d, (float) t.v());
			Evaluation e = objective.evaluate(x);
			gNew = e.claimGradient(x, manager);
			trials.add(gNew);
			x.intern(start.duplicate());
			evaluations++;
			fNew = Num.py(e.loss());
			gtdNew = Num.f32(ArrayMath.dot(gNew, d));
		}

		/** Armijo's sufficient decrease fails: f_new > f + c1·t·gtd. */
		private boolean armijoFails(Num f, Num t, Num gtd) {
			return Num.gt(fNew, Num.add(f, Num.mul(Num.mul(Num.py(C1), t), gtd)));
		}

		/** The curvature condition: |gtd_new| <= −c2·gtd. */
		private boolean curvatureHolds(Num gtd) {
			return Num.le(Num.abs(gtdNew), Num.mul(Num.py(-C2), gtd));
		}

		LineResult search(Num t, Num f, NDArray g, Num gtd) {
			Num dNorm = Num.f32(ArrayMath.maxAbs(d));
			trial(t);
			Num tPrev = Num.py(0), fPrev = f, gtdPrev = gtd;
			NDArray gPrev = g;
			boolean done = false;
			int lsIter = 0;
			Num[] bracket = null, bracketF = null, bracketGtd = null;
			NDArray[] bracketG = null;
			while (lsIter < MAX_LS) {
				if (armijoFails(f, t, gtd) || (lsIter > 1 && Num.ge(fNew, fPrev))) {
					bracket = new Num[] { tPrev, t };
					bracketF = new Num[] { fPrev, fNew };
					bracketG = new NDArray[] { gPrev, gNew };
					bracketGtd = new Num[] { gtdPrev, gtdNew };
					break;
				}
				if (curvatureHolds(gtd)) {
					bracket = new Num[] { t };
					bracketF = new Num[] { fNew };
					bracketG = new NDArray[] { gNew };
					done = true;
					break;
				}
				if (Num.ge(gtdNew, Num.py(0))) {
					bracket = new Num[] { tPrev, t };
					bracketF = new Num[] { fPrev, fNew };
					bracketG = new NDArray[] { gPrev, gNew };
					bracketGtd = new Num[] { gtdPrev, gtdNew };
					break;
				}
				// Extrapolate: a cubic minimum between 1.01 and 10 times the step.
				Num minStep = Num.add(t, Num.mul(Num.py(0.01), Num.sub(t, tPrev)));
				Num maxStep = Num.mul(t, Num.py(10));
				Num tmp = t;
				t = cubicMinimum(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep,
					maxStep);
				tPrev = tmp;
				fPrev = fNew;
				gPrev = gNew;
				gtdPrev = gtdNew;
				trial(t);
				lsIter++;
			}
			if (lsIter == MAX_LS) {
				bracket = new Num[] { Num.py(0), t };
				bracketF = new Num[] { f, fNew };
				bracketG = new NDArray[] { g, gNew };
			}

			// Zoom: shrink the bracket until a point satisfies the conditions.
			boolean insufficientProgress = false;
			int low = Num.le(bracketF[0], bracketF[bracketF.length - 1]) ? 0 : 1;
			int high = 1 - low;
			while (!done && lsIter < MAX_LS) {
				if (Num.lt(Num.mul(Num.abs(Num.sub(bracket[1], bracket[0])), dNorm), Num
					.py(tolChange))) break;
				t = cubicMinimum(bracket[0], bracketF[0], bracketGtd[0], bracket[1],
					bracketF[1], bracketGtd[1], null, null);
				Num hi = Num.max(bracket[0], bracket[1]);
				Num lo = Num.min(bracket[0], bracket[1]);
				Num eps = Num.mul(Num.py(0.1), Num.sub(hi, lo));
				if (Num.lt(Num.min(Num.sub(hi, t), Num.sub(t, lo)), eps)) {
					// Close to an end: after a second time (or at an end), step 10% in.
					if (insufficientProgress || Num.ge(t, hi) || Num.le(t, lo)) {
						t = Num.lt(Num.abs(Num.sub(t, hi)), Num.abs(Num.sub(t, lo))) ? Num
							.sub(hi, eps) : Num.add(lo, eps);
						insufficientProgress = false;
					}
					else insufficientProgress = true;
				}
				else insufficientProgress = false;

				trial(t);
				lsIter++;

				if (armijoFails(f, t, gtd) || Num.ge(fNew, bracketF[low])) {
					// Armijo fails or no lower than the lowest: the new high end.
					bracket[high] = t;
					bracketF[high] = fNew;
					bracketG[high] = gNew;
					bracketGtd[high] = gtdNew;
					low = Num.le(bracketF[0], bracketF[1]) ? 0 : 1;
					high = 1 - low;
				}
				else {
					if (curvatureHolds(gtd)) done = true;
					else if (Num.ge(Num.mul(gtdNew, Num.sub(bracket[high], bracket[low])),
						Num.py(0)))
					{
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
			NDArray chosen = bracketG[low];
			for (NDArray trialGradient : trials)
				if (trialGradient != chosen) trialGradient.close();
			return new LineResult(bracket[low].v(), bracketF[low].v(), chosen,
				evaluations);
		}
	}

	/**
	 * torch's {@code _cubic_interpolate}: the minimizer of the cubic through two
	 * points with their values and slopes, kept within the bounds (by default the
	 * two points); the middle of the bounds when the cubic has no minimum.
	 */
	static Num cubicMinimum(Num x1, Num f1, Num g1, Num x2, Num f2, Num g2,
		Num lowBound, Num highBound)
	{
		if (lowBound == null) {
			boolean ordered = Num.le(x1, x2);
			lowBound = ordered ? x1 : x2;
			highBound = ordered ? x2 : x1;
		}
		Num three = Num.py(3), two = Num.py(2);
		Num d1 = Num.sub(Num.add(g1, g2), Num.div(Num.mul(three, Num.sub(f1, f2)),
			Num.sub(x1, x2)));
		Num d2Square = Num.sub(Num.mul(d1, d1), Num.mul(g1, g2));
		if (Num.ge(d2Square, Num.py(0))) {
			Num d2 = Num.sqrt(d2Square);
			Num minPos = Num.le(x1, x2) ? Num.sub(x2, Num.mul(Num.sub(x2, x1), Num
				.div(Num.sub(Num.add(g2, d2), d1), Num.add(Num.sub(g2, g1), Num.mul(two,
					d2))))) : Num.sub(x1, Num.mul(Num.sub(x1, x2), Num.div(Num.sub(Num
						.add(g1, d2), d1), Num.add(Num.sub(g1, g2), Num.mul(two, d2)))));
			return Num.min(Num.max(minPos, lowBound), highBound);
		}
		return Num.div(Num.add(lowBound, highBound), two);
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
