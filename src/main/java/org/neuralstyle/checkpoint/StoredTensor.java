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

package org.neuralstyle.checkpoint;

import java.nio.ByteBuffer;

/**
 * Where a pickled tensor's elements lie: in storage {@code storageKey},
 * starting {@code offset} elements in, laid out by {@code shape} and
 * {@code stride} (in elements). A tensor can be a strided view into a larger
 * storage shared with other tensors, so reading it means reading the span of
 * the storage it touches and gathering its elements in row-major order.
 */
record StoredTensor(String storageKey, DType dtype, long offset, long[] shape,
		long[] stride) {

	/**
	 * @throws ArithmeticException if a hostile shape's product does not fit in a
	 *           long
	 */
	long numel() {
		long n = 1;
		for (long d : shape)
			n = Math.multiplyExact(n, d);
		return n;
	}

	/**
	 * Elements from {@link #offset()} to the last one the tensor touches,
	 * inclusive.
	 *
	 * @throws ArithmeticException if it does not fit in a long
	 */
	long span() {
		if (numel() == 0) return 0;
		long last = 0;
		for (int i = 0; i < shape.length; i++)
			last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, stride[i]));
		return Math.addExact(last, 1);
	}

	boolean contiguous() {
		long expected = 1;
		for (int i = shape.length - 1; i >= 0; i--) {
			if (shape[i] != 1 && stride[i] != expected) return false;
			expected *= shape[i];
		}
		return true;
	}

	/**
	 * The elements in row-major order, from a little-endian buffer holding
	 * {@link #span()} elements.
	 */
	float[] gather(ByteBuffer spanBytes) {
		float[] out = new float[(int) numel()];
		if (contiguous()) {
			if (dtype == DType.FLOAT32) spanBytes.asFloatBuffer().get(out);
			else for (int i = 0; i < out.length; i++)
				out[i] = dtype.get(spanBytes, i);
			return out;
		}
		// Walk the multi-index like an odometer, tracking the element's position in
		// the span.
		long[] index = new long[shape.length];
		long at = 0;
		for (int i = 0; i < out.length; i++) {
			out[i] = dtype.get(spanBytes, (int) at);
			for (int d = shape.length - 1; d >= 0; d--) {
				if (++index[d] < shape[d]) {
					at += stride[d];
					break;
				}
				at -= (shape[d] - 1) * stride[d];
				index[d] = 0;
			}
		}
		return out;
	}
}
