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

import java.util.Arrays;

/**
 * What a checkpoint says about one tensor, before any of its data is read: its
 * name in the state dict, its element type (PyTorch's names: {@code float32},
 * {@code float16}, {@code bfloat16}, {@code float64}, ...) and its shape.
 */
public record TensorInfo(String name, String dtype, long[] shape) {

	/** Number of elements: the product of the shape (1 for a scalar). */
	public long numel() {
		long n = 1;
		for (long d : shape)
			n *= d;
		return n;
	}

	@Override
	public String toString() {
		return name + " " + dtype + " " + Arrays.toString(shape);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof TensorInfo t && name.equals(t.name) && dtype.equals(
			t.dtype) && Arrays.equals(shape, t.shape);
	}

	@Override
	public int hashCode() {
		return name.hashCode() * 31 + Arrays.hashCode(shape);
	}
}
