package org.neuralstyle.imagej;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagej.planes.PlaneStylizer;

/** Real, checkable transforms standing in for the engine in tests. */
final class Stylizers {

	private Stylizers() {
	}

	/** Every channel v becomes 1 - v. */
	static final PlaneStylizer INVERT = (picture, progress) -> {
		float[] in = picture.planes();
		float[] out = new float[in.length];
		for (int i = 0; i < in.length; i++) out[i] = 1 - in[i];
		return new RgbImage(picture.width(), picture.height(), out);
	};

	/** A picture half the size (rounded up) filled with one colour, as a downsizing engine would return. */
	static PlaneStylizer halfSizeConstant(float r, float g, float b) {
		return (picture, progress) -> {
			int w = (picture.width() + 1) / 2, h = (picture.height() + 1) / 2, n = w * h;
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
