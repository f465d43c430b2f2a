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

import java.util.Arrays;
import java.util.List;

/**
 * A soft region of a picture: one weight in [0,1] per pixel, row-major (a
 * guidance channel of Gatys et al., "Controlling perceptual factors in neural
 * style transfer", 2017). Label images and selections become masks; the loss
 * network sees them shrunk to each layer's size.
 */
public final class Mask {

	private final int width;
	private final int height;
	private final float[] weights;

	/** Wraps the weights (length width·height, each in [0,1]); not copied. */
	public Mask(int width, int height, float[] weights) {
		if (width <= 0 || height <= 0) throw new IllegalArgumentException(
			"Mask size must be positive: " + width + "x" + height);
		if (weights.length != (long) width * height)
			throw new IllegalArgumentException("Expected " + (long) width * height +
				" weights for a " + width + "x" + height + " mask, got " +
				weights.length);
		for (float w : weights)
			if (!(w >= 0 && w <= 1)) throw new IllegalArgumentException(
				"Mask weights must be in [0,1], got " + w);
		this.width = width;
		this.height = height;
		this.weights = weights;
	}

	/**
	 * The pixels of a label image that carry {@code label}: 1 there, 0 elsewhere.
	 */
	public static Mask ofLabel(int[] labels, int width, int height, int label) {
		float[] w = new float[labels.length];
		for (int i = 0; i < labels.length; i++)
			w[i] = labels[i] == label ? 1f : 0f;
		return new Mask(width, height, w);
	}

	/** Every pixel in the region. */
	public static Mask full(int width, int height) {
		float[] w = new float[width * height];
		Arrays.fill(w, 1f);
		return new Mask(width, height, w);
	}

	/**
	 * The pixels no mask covers: one minus the largest weight there. For the
	 * masks of labels 1, 2… this is label 0; for selections, the area outside
	 * them all.
	 */
	public static Mask outside(List<Mask> masks) {
		if (masks.isEmpty()) throw new IllegalArgumentException(
			"No masks to take the outside of");
		Mask first = masks.get(0);
		float[] w = new float[first.weights.length];
		Arrays.fill(w, 1f);
		for (Mask m : masks) {
			if (m.width != first.width || m.height != first.height)
				throw new IllegalArgumentException("The masks differ in size: " +
					first.width + "x" + first.height + " and " + m.width + "x" +
					m.height);
			for (int i = 0; i < w.length; i++)
				w[i] = Math.min(w[i], 1f - m.weights[i]);
		}
		return new Mask(first.width, first.height, w);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The weights, shared, not copied. */
	public float[] weights() {
		return weights;
	}

	/** The sum of the weights: the region's size in pixels. */
	public double area() {
		double s = 0;
		for (float w : weights)
			s += w;
		return s;
	}

	/**
	 * The mask at another size, resampled as pictures are ({@link Resampling}:
	 * area averaging when shrinking, so a pixel's weight is the share of the
	 * region in it).
	 */
	public Mask resized(int newWidth, int newHeight) {
		if (newWidth == width && newHeight == height) return this;
		float[] p = new float[3 * weights.length];
		for (int c = 0; c < 3; c++)
			System.arraycopy(weights, 0, p, c * weights.length, weights.length);
		RgbImage out = Resampling.resize(new RgbImage(width, height, p), newWidth,
			newHeight);
		return new Mask(newWidth, newHeight, Arrays.copyOf(out.planes(), newWidth *
			newHeight));
	}

	/**
	 * The mask at the resolution of a feature map {@code scale} times smaller:
	 * the average over each scale×scale block, which is what {@code log2(scale)}
	 * 2×2 average poolings give (the "area-average per pooling" of Gatys et al.
	 * 2017). Trailing rows and columns that do not fill a block are dropped, as
	 * the network's poolings drop them.
	 */
	public Mask pooled(int scale) {
		if (scale == 1) return this;
		int w = width / scale, h = height / scale;
		if (w == 0 || h == 0) throw new IllegalArgumentException("A " + width +
			"x" + height + " mask has no cells at 1/" + scale + " of its size");
		float[] out = new float[w * h];
		float cell = (float) scale * scale;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int dy = 0; dy < scale; dy++)
					for (int dx = 0; dx < scale; dx++)
						s += weights[(y * scale + dy) * width + x * scale + dx];
				out[y * w + x] = Math.min(1f, (float) (s / cell));
			}
		return new Mask(w, h, out);
	}

	/**
	 * The mask blurred by a Gaussian of standard deviation {@code sigma} pixels
	 * (edges extended): a feathered edge, for blending pictures made for
	 * neighbouring regions without a seam.
	 */
	public Mask feathered(double sigma) {
		if (!(sigma > 0)) return this;
		int radius = (int) Math.ceil(3 * sigma);
		float[] kernel = new float[2 * radius + 1];
		double sum = 0;
		for (int i = -radius; i <= radius; i++)
			sum += kernel[i + radius] = (float) Math.exp(-0.5 * i * i / (sigma *
				sigma));
		for (int i = 0; i < kernel.length; i++)
			kernel[i] /= (float) sum;
		float[] rows = new float[weights.length], out = new float[weights.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				double s = 0;
				for (int i = -radius; i <= radius; i++)
					s += kernel[i + radius] * weights[y * width + Math.min(width - 1, Math
						.max(0, x + i))];
				rows[y * width + x] = (float) s;
			}
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				double s = 0;
				for (int i = -radius; i <= radius; i++)
					s += kernel[i + radius] * rows[Math.min(height - 1, Math.max(0, y +
						i)) * width + x];
				out[y * width + x] = Math.min(1f, Math.max(0f, (float) s));
			}
		return new Mask(width, height, out);
	}
}
