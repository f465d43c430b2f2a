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

package org.neuralstyle.flow;

import org.neuralstyle.image.RgbImage;

/**
 * How a plane's predecessor lines up with it: the backward flow (each pixel of
 * the current plane to where it was in the previous one), by which anything
 * made from the previous plane is warped onto the current one, and a weight per
 * pixel that is 0 where that warp cannot be trusted. As in Ruder et al. (2016),
 * a pixel is left out when the forward and backward flows disagree (it was
 * hidden in the previous plane: a disocclusion), at motion boundaries, and when
 * it came from outside the previous plane.
 */
public final class Alignment {

	/**
	 * Forward-backward consistency (Ruder et al. 2016, eq. 8): the round trip may
	 * miss by 1% of the squared motion plus this many squared pixels.
	 */
	private static final float ROUND_TRIP_SLACK = 0.5f;
	/** Motion boundaries (eq. 9): flow gradient above 1% of motion plus this. */
	private static final float BOUNDARY_SLACK = 0.002f;

	private final FlowField backward;
	final float[] weights;

	private Alignment(FlowField backward, float[] weights) {
		this.backward = backward;
		this.weights = weights;
	}

	/** The alignment of {@code previous} onto {@code current} (same size). */
	public static Alignment between(RgbImage previous, RgbImage current) {
		FlowField backward = OpticalFlow.between(current, previous);
		FlowField forward = OpticalFlow.between(previous, current);
		return of(backward, forward);
	}

	/**
	 * The alignment given both flows: {@code backward} from the current plane to
	 * the previous, {@code forward} from the previous to the current.
	 */
	public static Alignment of(FlowField backward, FlowField forward) {
		int w = backward.width(), h = backward.height();
		float[] weights = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				float bx = backward.dx(x, y), by = backward.dy(x, y);
				float px = x + bx, py = y + by;
				if (!Float.isFinite(bx) || !Float.isFinite(by) || px < 0 || py < 0 ||
					px > w - 1 || py > h - 1) continue;
				float fx = forward.dxAt(px, py), fy = forward.dyAt(px, py);
				if (!Float.isFinite(fx) || !Float.isFinite(fy)) continue;
				float sumX = bx + fx, sumY = by + fy;
				float miss = sumX * sumX + sumY * sumY;
				float motion = bx * bx + by * by + fx * fx + fy * fy;
				if (miss > 0.01f * motion + ROUND_TRIP_SLACK) continue;
				if (gradient(backward, x, y) > 0.01f * (bx * bx + by * by) +
					BOUNDARY_SLACK) continue;
				weights[y * w + x] = 1;
			}
		return new Alignment(backward, weights);
	}

	/**
	 * |∇u|² + |∇v|² of the flow at a pixel, by forward differences (0 at the last
	 * row and column, and where a neighbour has no flow).
	 */
	private static float gradient(FlowField f, int x, int y) {
		float g = 0;
		if (x + 1 < f.width()) {
			float u = f.dx(x + 1, y) - f.dx(x, y), v = f.dy(x + 1, y) - f.dy(x, y);
			if (Float.isFinite(u) && Float.isFinite(v)) g += u * u + v * v;
		}
		if (y + 1 < f.height()) {
			float u = f.dx(x, y + 1) - f.dx(x, y), v = f.dy(x, y + 1) - f.dy(x, y);
			if (Float.isFinite(u) && Float.isFinite(v)) g += u * u + v * v;
		}
		return g;
	}

	public int width() {
		return backward.width();
	}

	public int height() {
		return backward.height();
	}

	/**
	 * 1 where the warp is trusted, 0 elsewhere; row-major, one value a pixel. A
	 * copy.
	 */
	public float[] weights() {
		return weights.clone();
	}

	/** The fraction of pixels the warp is trusted at. */
	public double coverage() {
		double sum = 0;
		for (float v : weights)
			sum += v;
		return sum / weights.length;
	}

	/**
	 * {@code previous} (a picture aligned with the previous plane) warped onto
	 * the current plane: each pixel taken, bilinearly, from where the backward
	 * flow says it was. Pixels without flow keep the previous picture's pixel
	 * there.
	 */
	public RgbImage warp(RgbImage previous) {
		return Warp.backward(previous, backward);
	}
}
