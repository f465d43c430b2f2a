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

import org.neuralstyle.image.RgbImage;

/**
 * A small copy of an image, each pixel the mean of a square block of the
 * original: enough to measure the statistics of the whole picture without
 * holding its full-size activations.
 */
final class Downscale {

	private Downscale() {}

	/**
	 * The image shrunk by the smallest whole factor that brings it within
	 * {@code maxPixels}, but never below {@code minSide} on either side; the
	 * image itself when it fits. Up to factor − 1 pixels at the right and bottom
	 * edges are left out.
	 */
	static RgbImage toPixelBudget(RgbImage image, long maxPixels, int minSide) {
		int factor = factor(image.width(), image.height(), maxPixels, minSide);
		return factor == 1 ? image : byFactor(image, factor);
	}

	/**
	 * As {@link #toPixelBudget(RgbImage, long, int)}, from any pixels; a copy
	 * even when it fits.
	 */
	static RgbImage toPixelBudget(Pixels image, long maxPixels, int minSide) {
		return byFactor(image, factor(image.width(), image.height(), maxPixels,
			minSide));
	}

	/**
	 * The smallest whole factor that brings {@code width × height} within
	 * {@code maxPixels}, keeping both sides at least {@code minSide}.
	 */
	private static int factor(int width, int height, long maxPixels,
		int minSide)
	{
		int factor = 1;
		while ((long) (width / factor) * (height / factor) > maxPixels && width /
			(factor + 1) >= minSide && height / (factor + 1) >= minSide)
			factor++;
		return factor;
	}

	static RgbImage byFactor(RgbImage image, int factor) {
		return byFactor(Pixels.of(image), factor);
	}

	static RgbImage byFactor(Pixels image, int factor) {
		int width = image.width() / factor;
		int height = image.height() / factor;
		// One source row at a time: the whole image is never held as floats.
		float[] src = new float[width * factor];
		float[] dst = new float[3 * width * height];
		float area = factor * factor;
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < height; y++)
				for (int dy = 0; dy < factor; dy++) {
					image.read(c, y * factor + dy, 0, width * factor, src, 0);
					int out = (c * height + y) * width;
					for (int x = 0; x < width; x++) {
						float sum = 0;
						for (int dx = 0; dx < factor; dx++)
							sum += src[x * factor + dx];
						dst[out + x] += sum / area;
					}
				}
		return new RgbImage(width, height, dst);
	}
}
