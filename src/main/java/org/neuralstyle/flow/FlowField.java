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

/**
 * A dense motion field between two images of one size: pixel (x, y) of the
 * first is at (x + dx, y + dy) in the second. NaN marks a pixel the flow could
 * not follow.
 */
public final class FlowField {

	private final int width;
	private final int height;
	private final float[] dx;
	private final float[] dy;

	/** {@code dx}, {@code dy}: row-major, width × height values each. */
	public FlowField(int width, int height, float[] dx, float[] dy) {
		if (dx.length != width * height || dy.length != width * height)
			throw new IllegalArgumentException("A " + width + "×" + height +
				" flow needs " + width * height + " values per component");
		this.width = width;
		this.height = height;
		this.dx = dx;
		this.dy = dy;
	}

	/** The same motion everywhere: a pan. */
	public static FlowField uniform(int width, int height, float dx, float dy) {
		float[] x = new float[width * height], y = new float[width * height];
		java.util.Arrays.fill(x, dx);
		java.util.Arrays.fill(y, dy);
		return new FlowField(width, height, x, y);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public float dx(int x, int y) {
		return dx[y * width + x];
	}

	public float dy(int x, int y) {
		return dy[y * width + x];
	}

	/** The horizontal motion at a sub-pixel position, bilinear, edges clamped. */
	float dxAt(float x, float y) {
		return Bilinear.sample(dx, width, height, x, y);
	}

	float dyAt(float x, float y) {
		return Bilinear.sample(dy, width, height, x, y);
	}
}
