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

/**
 * A scalar of torch's line search as Python holds it: a 0-dimensional float32
 * tensor ({@code f32}) or a Python float (a double). Arithmetic with a tensor
 * operand is float32 (the Python number is cast to float32 first, as PyTorch
 * treats a wrapped number); between two Python floats it is double. Python's
 * {@code min} and {@code max} return one of their arguments, keeping its kind.
 * Mirroring this makes {@link Lbfgs}'s strong-Wolfe search take torch's
 * branches, not just nearly its values.
 *
 * @param v the value (float-valued when {@code f32})
 * @param f32 whether torch has it as a float32 tensor
 */
record Num(double v, boolean f32) {

	static Num py(double v) {
		return new Num(v, false);
	}

	static Num f32(float v) {
		return new Num(v, true);
	}

	private static boolean tensor(Num a, Num b) {
		return a.f32 || b.f32;
	}

	static Num add(Num a, Num b) {
		return tensor(a, b) ? f32((float) a.v + (float) b.v) : py(a.v + b.v);
	}

	static Num sub(Num a, Num b) {
		return tensor(a, b) ? f32((float) a.v - (float) b.v) : py(a.v - b.v);
	}

	static Num mul(Num a, Num b) {
		return tensor(a, b) ? f32((float) a.v * (float) b.v) : py(a.v * b.v);
	}

	static Num div(Num a, Num b) {
		return tensor(a, b) ? f32((float) a.v / (float) b.v) : py(a.v / b.v);
	}

	static Num abs(Num a) {
		return new Num(Math.abs(a.v), a.f32);
	}

	static Num sqrt(Num a) {
		// A float's correctly rounded square root: the double one, rounded.
		return a.f32 ? f32((float) Math.sqrt(a.v)) : py(Math.sqrt(a.v));
	}

	private static int compare(Num a, Num b) {
		// NaN compares false either way, as in Python and torch.
		double x = tensor(a, b) ? (float) a.v : a.v;
		double y = tensor(a, b) ? (float) b.v : b.v;
		return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
	}

	static boolean lt(Num a, Num b) {
		return compare(a, b) == -1;
	}

	static boolean le(Num a, Num b) {
		int c = compare(a, b);
		return c == -1 || c == 0;
	}

	static boolean gt(Num a, Num b) {
		return compare(a, b) == 1;
	}

	static boolean ge(Num a, Num b) {
		int c = compare(a, b);
		return c == 1 || c == 0;
	}

	/** Python's max(a, b): b only when b > a. */
	static Num max(Num a, Num b) {
		return gt(b, a) ? b : a;
	}

	/** Python's min(a, b): b only when b < a. */
	static Num min(Num a, Num b) {
		return lt(b, a) ? b : a;
	}
}
