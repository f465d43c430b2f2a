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

import java.util.Arrays;

/**
 * How overlapping tiles cover one axis of an image, and how much each tile's
 * output counts at each pixel. Tiles start at multiples of {@value #STRIDE} and
 * neighbouring tiles overlap by at least the requested amount. Across the
 * middle half of each overlap a cosine ramp hands over from one tile to the
 * next, so no tile contributes its outermost quarter-overlap, where padding at
 * the tile edge distorts the network's output. The weights of all tiles sum to
 * 1 at every pixel.
 */
final class TileAxis {

	/** Total stride of the transformation network's down-sampling. */
	static final int STRIDE = 4;

	private final int[] starts;
	private final int[] sizes;
	private final float[][] weights;

	/**
	 * @param length image size along the axis
	 * @param tileSize largest tile size; one tile covers the axis when it is not
	 *          longer
	 * @param overlap least overlap of neighbouring tiles, at most half the tile
	 *          size
	 */
	TileAxis(int length, int tileSize, int overlap) {
		if (length <= tileSize) {
			starts = new int[] { 0 };
			sizes = new int[] { length };
		}
		else {
			// Starts on multiples of the network's stride, so every tile samples the
			// stride-2
			// convolutions at the same phase as the whole image would: the network is
			// not shift
			// invariant, and a tile shifted by one pixel comes out visibly different.
			int lastStart = alignUp(length - tileSize);
			int largestStep = (tileSize - overlap) / STRIDE;
			int units = lastStart / STRIDE;
			int count = 1 + ceilDiv(units, largestStep);
			starts = new int[count];
			sizes = new int[count];
			for (int i = 0; i < count; i++) {
				// Spread evenly in whole strides: steps differ by at most one stride.
				starts[i] = STRIDE * (int) ((long) i * units / (count - 1));
				sizes[i] = Math.min(tileSize, length - starts[i]);
			}
		}
		weights = weights(length, overlap / 2);
	}

	int count() {
		return starts.length;
	}

	int start(int tile) {
		return starts[tile];
	}

	int size(int tile) {
		return sizes[tile];
	}

	/** Weight of the tile's output at its local coordinate {@code offset}. */
	float weight(int tile, int offset) {
		return weights[tile][offset];
	}

	private float[][] weights(int length, int ramp) {
		int count = starts.length;
		float[][] w = new float[count][];
		for (int i = 0; i < count; i++) {
			w[i] = new float[sizes[i]];
			Arrays.fill(w[i], 1f);
		}
		for (int i = 0; i + 1 < count; i++) {
			int overlapStart = starts[i + 1];
			int overlapEnd = starts[i] + sizes[i];
			int rampStart = overlapStart + (overlapEnd - overlapStart - ramp) / 2;
			for (int p = overlapStart; p < overlapEnd; p++) {
				float next = rise(p - rampStart, ramp);
				w[i][p - starts[i]] *= 1 - next;
				w[i + 1][p - starts[i + 1]] *= next;
			}
		}
		normalize(w, length);
		return w;
	}

	/**
	 * 0 before the ramp, 1 after it, a half cosine across it (a step when it has
	 * no width).
	 */
	private static float rise(int position, int ramp) {
		if (position < 0) return 0;
		if (position >= ramp) return 1;
		return (float) (0.5 - 0.5 * Math.cos(Math.PI * (position + 0.5) / ramp));
	}

	/**
	 * Rounding of the tile starts can let the ramps of two overlaps touch by a
	 * pixel; dividing by the sum keeps the weights a partition of unity
	 * regardless.
	 */
	private void normalize(float[][] w, int length) {
		float[] sum = new float[length];
		for (int i = 0; i < w.length; i++)
			for (int k = 0; k < w[i].length; k++)
				sum[starts[i] + k] += w[i][k];
		for (int i = 0; i < w.length; i++)
			for (int k = 0; k < w[i].length; k++) {
				float total = sum[starts[i] + k];
				if (total <= 0) throw new IllegalStateException(
					"No tile covers pixel " + (starts[i] + k));
				w[i][k] /= total;
			}
	}

	private static int alignUp(int position) {
		return ceilDiv(position, STRIDE) * STRIDE;
	}

	private static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}
}
