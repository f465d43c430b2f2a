package org.neuralstyle.fast;

import org.neuralstyle.image.RgbImage;

/**
 * An image as the tiler reads it, a row of one channel at a time, in [0,1]: either planar floats
 * ({@link RgbImage}) or pixels packed as {@code 0xRRGGBB}, which take a third of the memory and
 * are what an 8-bit RGB file holds anyway.
 */
interface Pixels {

	int width();

	int height();

	/** Copies {@code n} values of channel {@code c} (0 red) of row {@code y}, from column {@code x}, to {@code dst[offset...]}. */
	void read(int c, int y, int x, int n, float[] dst, int offset);

	static Pixels of(RgbImage image) {
		return new Pixels() {
			@Override
			public int width() {
				return image.width();
			}

			@Override
			public int height() {
				return image.height();
			}

			@Override
			public void read(int c, int y, int x, int n, float[] dst, int offset) {
				System.arraycopy(image.planes(), (c * image.height() + y) * image.width() + x, dst, offset, n);
			}
		};
	}

	static Pixels packed(int width, int height, int[] rgb) {
		if (rgb.length != (long) width * height) throw new IllegalArgumentException(
			"Expected " + (long) width * height + " pixels for " + width + "x" + height + ", got " + rgb.length);
		return new Pixels() {
			@Override
			public int width() {
				return width;
			}

			@Override
			public int height() {
				return height;
			}

			@Override
			public void read(int c, int y, int x, int n, float[] dst, int offset) {
				int shift = 16 - 8 * c;
				int from = y * width + x;
				for (int i = 0; i < n; i++) dst[offset + i] = ((rgb[from + i] >> shift) & 0xff) / 255f;
			}
		};
	}
}
