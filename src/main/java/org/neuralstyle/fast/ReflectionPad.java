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

package org.neuralstyle.fast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Reflection padding of the two spatial axes of an N×C×H×W array, as PyTorch's
 * {@code ReflectionPad2d}: the border row is the mirror, not repeated
 * ({@code d c b | a b c d | c b a}). DJL's {@code NDArray.pad} pads only with a
 * constant, so the margins are mirrored slices; slicing, flipping and
 * concatenating are all differentiable, which training will need.
 */
final class ReflectionPad {

	private ReflectionPad() {}

	/** Pads every side by {@code p} pixels. */
	static NDArray pad(NDArray x, int p) {
		return pad(x, p, p, p, p);
	}

	/**
	 * Pads each side by its own amount; each must be smaller than the size of its
	 * axis. Returns a new array (or {@code x} itself when all amounts are 0) and
	 * frees the temporary ones.
	 */
	static NDArray pad(NDArray x, int top, int bottom, int left, int right) {
		NDArray rows = padAxis(x, 2, top, bottom);
		NDArray padded = padAxis(rows, 3, left, right);
		if (rows != x && rows != padded) rows.close();
		return padded;
	}

	private static NDArray padAxis(NDArray x, int axis, int before, int after) {
		if (before == 0 && after == 0) return x;
		long size = x.getShape().get(axis);
		if (before >= size || after >= size) throw new IllegalArgumentException(
			"Reflection padding by " + Math.max(before, after) +
				" needs more than that many pixels, the image has " + size);
		NDList parts = new NDList(3);
		if (before > 0) parts.add(mirror(x, axis, 1, before + 1));
		parts.add(x);
		if (after > 0) parts.add(mirror(x, axis, size - after - 1, size - 1));
		NDArray padded = NDArrays.concat(parts, axis);
		for (NDArray part : parts)
			if (part != x) part.close();
		return padded;
	}

	private static NDArray mirror(NDArray x, int axis, long from, long to) {
		NDArray slice = slice(x, axis, from, to);
		NDArray flipped = slice.flip(axis);
		slice.close();
		return flipped;
	}

	private static NDArray slice(NDArray x, int axis, long from, long to) {
		return axis == 2 ? x.get(":, :, {}:{}", from, to) : x.get(":, :, :, {}:{}",
			from, to);
	}
}
