package org.neuralstyle.fast;

import org.neuralstyle.image.RgbImage;

/**
 * A small copy of an image, each pixel the mean of a square block of the original: enough to
 * measure the statistics of the whole picture without holding its full-size activations.
 */
final class Downscale {

	private Downscale() {}

	/**
	 * The image shrunk by the smallest whole factor that brings it within {@code maxPixels}, but
	 * never below {@code minSide} on either side; the image itself when it fits. Up to factor − 1
	 * pixels at the right and bottom edges are left out.
	 */
	static RgbImage toPixelBudget(RgbImage image, long maxPixels, int minSide) {
		int width = image.width();
		int height = image.height();
		int factor = 1;
		while ((long) (width / factor) * (height / factor) > maxPixels && width / (factor + 1) >= minSide
			&& height / (factor + 1) >= minSide)
			factor++;
		return factor == 1 ? image : byFactor(image, factor);
	}

	static RgbImage byFactor(RgbImage image, int factor) {
		int width = image.width() / factor;
		int height = image.height() / factor;
		float[] src = image.planes();
		float[] dst = new float[3 * width * height];
		float area = factor * factor;
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < height; y++)
				for (int dy = 0; dy < factor; dy++) {
					int row = (c * image.height() + y * factor + dy) * image.width();
					int out = (c * height + y) * width;
					for (int x = 0; x < width; x++) {
						float sum = 0;
						for (int dx = 0; dx < factor; dx++)
							sum += src[row + x * factor + dx];
						dst[out + x] += sum / area;
					}
				}
		return new RgbImage(width, height, dst);
	}
}
