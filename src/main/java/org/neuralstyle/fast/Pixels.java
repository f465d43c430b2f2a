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
 * An image as the tiler reads it, a row of one channel at a time, in [0,1]:
 * either planar floats ({@link RgbImage}) or pixels packed as {@code 0xRRGGBB},
 * which take a third of the memory and are what an 8-bit RGB file holds anyway.
 */
interface Pixels {

	int width();

	int height();

	/**
	 * Copies {@code n} values of channel {@code c} (0 red) of row {@code y}, from
	 * column {@code x}, to {@code dst[offset...]}.
	 */
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
				System.arraycopy(image.planes(), (c * image.height() + y) * image
					.width() + x, dst, offset, n);
			}
		};
	}

	static Pixels packed(int width, int height, int[] rgb) {
		if (rgb.length != (long) width * height) throw new IllegalArgumentException(
			"Expected " + (long) width * height + " pixels for " + width + "x" +
				height + ", got " + rgb.length);
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
				for (int i = 0; i < n; i++)
					dst[offset + i] = ((rgb[from + i] >> shift) & 0xff) / 255f;
			}
		};
	}
}
