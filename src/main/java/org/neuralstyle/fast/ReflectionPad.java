package org.neuralstyle.fast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Reflection padding of the two spatial axes of an N×C×H×W array, as PyTorch's
 * {@code ReflectionPad2d}: the border row is the mirror, not repeated ({@code d c b | a b c d | c b a}).
 * DJL's {@code NDArray.pad} pads only with a constant, so the margins are mirrored slices; slicing,
 * flipping and concatenating are all differentiable, which training will need.
 */
final class ReflectionPad {

	private ReflectionPad() {}

	/** Pads every side by {@code p} pixels. */
	static NDArray pad(NDArray x, int p) {
		return pad(x, p, p, p, p);
	}

	/** Pads each side by its own amount; each must be smaller than the size of its axis. */
	static NDArray pad(NDArray x, int top, int bottom, int left, int right) {
		return padAxis(padAxis(x, 2, top, bottom), 3, left, right);
	}

	private static NDArray padAxis(NDArray x, int axis, int before, int after) {
		if (before == 0 && after == 0) return x;
		long size = x.getShape().get(axis);
		if (before >= size || after >= size) throw new IllegalArgumentException(
			"Reflection padding by " + Math.max(before, after) + " needs more than that many pixels, the image has " + size);
		NDList parts = new NDList(3);
		if (before > 0) parts.add(slice(x, axis, 1, before + 1).flip(axis));
		parts.add(x);
		if (after > 0) parts.add(slice(x, axis, size - after - 1, size - 1).flip(axis));
		return NDArrays.concat(parts, axis);
	}

	private static NDArray slice(NDArray x, int axis, long from, long to) {
		return axis == 2 ? x.get(":, :, {}:{}", from, to) : x.get(":, :, :, {}:{}", from, to);
	}
}
