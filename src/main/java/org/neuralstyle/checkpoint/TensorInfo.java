package org.neuralstyle.checkpoint;

import java.util.Arrays;

/**
 * What a checkpoint says about one tensor, before any of its data is read: its name in the state
 * dict, its element type (PyTorch's names: {@code float32}, {@code float16}, {@code bfloat16},
 * {@code float64}, ...) and its shape.
 */
public record TensorInfo(String name, String dtype, long[] shape) {

	/** Number of elements: the product of the shape (1 for a scalar). */
	public long numel() {
		long n = 1;
		for (long d : shape) n *= d;
		return n;
	}

	@Override
	public String toString() {
		return name + " " + dtype + " " + Arrays.toString(shape);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof TensorInfo t && name.equals(t.name) && dtype.equals(t.dtype) &&
			Arrays.equals(shape, t.shape);
	}

	@Override
	public int hashCode() {
		return name.hashCode() * 31 + Arrays.hashCode(shape);
	}
}
