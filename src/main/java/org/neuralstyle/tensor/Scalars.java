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

package org.neuralstyle.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.function.BinaryOperator;

/**
 * Arithmetic between an array and a number, safe under autograd. The engine
 * uses these instead of DJL's {@code mul(Number)}, {@code div(Number)},
 * {@code add(Number)} and the like.
 * <p>
 * Why: on the CPU, DJL 0.36 turns the number into a tensor over a Java direct
 * buffer ({@code torch::from_blob}, no copy) and closes it as soon as the
 * operation returns. Autograd keeps that tensor for the backward pass
 * ({@code mul} and {@code div} need their other operand). When the garbage
 * collector frees the buffer in between, backward reads freed memory: gradients
 * come out silently scaled wrong, or NaN. See docs/engine-bugs.md. The scalars
 * here are allocated by libtorch itself ({@code torch::full}), so the tensor
 * owns its storage and autograd's reference keeps it alive however long the
 * graph lives. {@code ScalarUseTest} keeps the engine off DJL's number
 * overloads.
 */
public final class Scalars {

	private Scalars() {}

	/**
	 * A 0-dimensional array of {@code like}'s data type holding {@code value}, in
	 * libtorch-owned memory.
	 */
	public static NDArray of(NDManager manager, float value, NDArray like) {
		return manager.full(new Shape(), value, like.getDataType());
	}

	/**
	 * {@code op(a, value)} with the value as a libtorch-owned 0-d tensor, closed
	 * once the operation has run (autograd keeps its own reference).
	 */
	private static NDArray withScalar(NDArray a, float value,
		BinaryOperator<NDArray> op)
	{
		try (NDArray s = of(a.getManager(), value, a)) {
			return op.apply(a, s);
		}
	}

	/** {@code a * factor}: torch's {@code a * factor} for a Python number. */
	public static NDArray times(NDArray a, float factor) {
		return withScalar(a, factor, NDArray::mul);
	}

	/** {@code a / divisor}. */
	public static NDArray dividedBy(NDArray a, float divisor) {
		return withScalar(a, divisor, NDArray::div);
	}

	/** {@code a ** exponent}. */
	public static NDArray power(NDArray a, float exponent) {
		try (NDArray s = of(a.getManager(), exponent, a)) {
			return a.pow(s);
		}
	}

	/** {@code a + addend}. */
	public static NDArray plus(NDArray a, float addend) {
		return withScalar(a, addend, NDArray::add);
	}

	/** {@code a *= factor}, in place. */
	public static NDArray timesInPlace(NDArray a, float factor) {
		return withScalar(a, factor, NDArray::muli);
	}

	/** {@code a /= divisor}, in place. */
	public static NDArray dividedByInPlace(NDArray a, float divisor) {
		return withScalar(a, divisor, NDArray::divi);
	}

	/** {@code a += addend}, in place. */
	public static NDArray plusInPlace(NDArray a, float addend) {
		return withScalar(a, addend, NDArray::addi);
	}

}
