package org.neuralstyle.imagej.planes;

import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import org.neuralstyle.image.RgbImage;

/** RGB planes: 8 bits per channel scaled to [0,1] and back, nothing else. */
public final class RgbPlaneCodec implements PlaneCodec {

	@Override
	public RgbImage toRgb(ImageProcessor plane) {
		if (!(plane instanceof ColorProcessor)) throw new IllegalArgumentException(
			"Expected an RGB plane, got " + plane.getClass().getSimpleName());
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

	@Override
	public ColorProcessor fromRgb(RgbImage picture) {
		int w = picture.width(), h = picture.height(), n = w * h;
		float[] planes = picture.planes();
		int[] pixels = new int[n];
		for (int i = 0; i < n; i++) {
			pixels[i] = 0xff000000 | byteOf(planes[i]) << 16 | byteOf(planes[n + i]) << 8 | byteOf(planes[2 * n + i]);
		}
		return new ColorProcessor(w, h, pixels);
	}

	private static int byteOf(float v) {
		return Math.round(Math.min(Math.max(v, 0f), 1f) * 255f);
	}
}
