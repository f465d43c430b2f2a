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

package org.neuralstyle.imagej;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagej.planes.PlaneStylizer;

/** Real, checkable transforms standing in for the engine in tests. */
final class Stylizers {

	private Stylizers() {}

	/** Every channel v becomes 1 - v. */
	static final PlaneStylizer INVERT = (picture, progress) -> {
		float[] in = picture.planes();
		float[] out = new float[in.length];
		for (int i = 0; i < in.length; i++)
			out[i] = 1 - in[i];
		return new RgbImage(picture.width(), picture.height(), out);
	};

	/**
	 * A picture half the size (rounded up) filled with one colour, as a
	 * downsizing engine would return.
	 */
	static PlaneStylizer halfSizeConstant(float r, float g, float b) {
		return (picture, progress) -> {
			int w = (picture.width() + 1) / 2, h = (picture.height() + 1) / 2, n = w *
				h;
			float[] out = new float[3 * n];
			java.util.Arrays.fill(out, 0, n, r);
			java.util.Arrays.fill(out, n, 2 * n, g);
			java.util.Arrays.fill(out, 2 * n, 3 * n, b);
			return new RgbImage(w, h, out);
		};
	}

	/** 8-bit RGB value of an inverted colour. */
	static int invertRgb(int rgb) {
		return (rgb & 0xff000000) | (~rgb & 0xffffff);
	}
}
