package org.neuralstyle.imagej.planes;

import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import org.neuralstyle.image.RgbImage;

/**
 * Brings a stylized picture back to the size it was asked for: the optimization engine works on a
 * downsized copy of large inputs, and the result must fill the selection it came from.
 */
final class RgbImageScaling {

	private RgbImageScaling() {
	}

	/**
	 * The picture resampled to width x height, each channel with ImageJ's bicubic interpolation
	 * (averaging when shrinking), clamped to [0,1] because bicubic overshoots at sharp edges.
	 * Returns the picture itself when it already has that size.
	 */
	static RgbImage resize(RgbImage picture, int width, int height) {
		if (picture.width() == width && picture.height() == height) return picture;
		int n = picture.width() * picture.height(), m = width * height;
		float[] out = new float[3 * m];
		for (int c = 0; c < 3; c++) {
			float[] channel = new float[n];
			System.arraycopy(picture.planes(), c * n, channel, 0, n);
			FloatProcessor fp = new FloatProcessor(picture.width(), picture.height(), channel);
			fp.setInterpolationMethod(ImageProcessor.BICUBIC);
			boolean shrinking = width < picture.width() || height < picture.height();
			float[] scaled = (float[]) fp.resize(width, height, shrinking).getPixels();
			for (int i = 0; i < m; i++) out[c * m + i] = Math.min(Math.max(scaled[i], 0f), 1f);
		}
		return new RgbImage(width, height, out);
	}
}
