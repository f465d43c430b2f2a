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

package org.neuralstyle.imagefile;

import ij.process.ColorProcessor;

import org.neuralstyle.image.RgbImage;

/**
 * RGB pixels between ImageJ's packed {@code 0xAARRGGBB} and the engine's [0,1]
 * float planes, written once for the command line and for Fiji, so that a
 * picture read or written by either front end has the same values.
 */
public final class RgbPixels {

	private RgbPixels() {}

	/**
	 * The planes of an RGB processor: 8 bits per channel scaled to [0,1]; alpha
	 * is not read.
	 */
	public static RgbImage toRgb(ColorProcessor plane) {
		int w = plane.getWidth(), h = plane.getHeight(), n = w * h;
		int[] pixels = (int[]) plane.getPixels();
		float[] planes = new float[3 * n];
		for (int i = 0; i < n; i++) {
			int c = pixels[i];
			planes[i] = ((c >> 16) & 0xff) / 255f;
			planes[n + i] = ((c >> 8) & 0xff) / 255f;
			planes[2 * n + i] = (c & 0xff) / 255f;
		}
		return new RgbImage(w, h, planes);
	}

	/** A new RGB processor over {@link #pack(RgbImage)}. */
	public static ColorProcessor toProcessor(RgbImage picture) {
		return new ColorProcessor(picture.width(), picture.height(), pack(picture));
	}

	/**
	 * The picture packed as ImageJ keeps RGB, opaque ({@code 0xffRRGGBB}), as
	 * ImageJ's own processors are; values outside [0,1] (and NaN, as 0) are
	 * clamped.
	 */
	public static int[] pack(RgbImage picture) {
		int n = picture.width() * picture.height();
		float[] planes = picture.planes();
		int[] pixels = new int[n];
		for (int i = 0; i < n; i++) {
			pixels[i] = 0xff000000 | byteOf(planes[i]) << 16 | byteOf(planes[n +
				i]) << 8 | byteOf(planes[2 * n + i]);
		}
		return pixels;
	}

	private static int byteOf(float v) {
		return Math.round(Math.min(Math.max(v, 0f), 1f) * 255f);
	}
}
