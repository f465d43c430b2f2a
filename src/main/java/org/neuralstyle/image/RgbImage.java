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

package org.neuralstyle.image;

/**
 * An RGB picture as the engine sees it: three planes of floats in [0,1],
 * row-major, red first (the layout of a 3×H×W tensor). Plain Java so that the
 * engine needs nothing from ImageJ.
 */
public final class RgbImage {

	private final int width;
	private final int height;
	private final float[] planes;

	/** Wraps planar data (length 3·width·height); the array is not copied. */
	public RgbImage(int width, int height, float[] planes) {
		if (width <= 0 || height <= 0) throw new IllegalArgumentException(
			"Image size must be positive: " + width + "x" + height);
		if (planes.length != 3L * width * height)
			throw new IllegalArgumentException("Expected " + 3L * width * height +
				" values for a " + width + "x" + height + " RGB image, got " +
				planes.length);
		this.width = width;
		this.height = height;
		this.planes = planes;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The planar data, shared, not copied. */
	public float[] planes() {
		return planes;
	}

	/** Value of channel c (0 red, 1 green, 2 blue) at (x, y). */
	public float get(int c, int x, int y) {
		return planes[(c * height + y) * width + x];
	}
}
