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

import java.util.List;

import org.neuralstyle.image.Mask;
import org.neuralstyle.image.RgbImage;

/**
 * Mixing a fast model's output with the content, for what a feed-forward
 * network cannot be asked: a strength below 1 (a linear blend with the content,
 * out = S·styled + (1 − S)·content) and a style per region (one model per
 * region, each region's output weighted by its mask, feathered by a Gaussian so
 * that neighbouring regions meet without a seam; where no region reaches, the
 * content). Pictures are packed RGB, as the fast stylizer takes them.
 */
public final class Blending {

	/**
	 * Standard deviation, in pixels, of the Gaussian that feathers region edges:
	 * wide enough to hide the step between two models' outputs, narrow enough to
	 * keep small regions.
	 */
	public static final double DEFAULT_FEATHER = 4;

	private Blending() {}

	/**
	 * {@code styled} blended with {@code content} at {@code strength} (in place).
	 */
	public static void withContent(int[] content, int[] styled, double strength) {
		requireStrength(strength);
		if (strength == 1) return;
		for (int i = 0; i < styled.length; i++)
			styled[i] = mix(content[i], styled[i], (float) strength);
	}

	/**
	 * {@code styled} blended with {@code content} (of its size) at
	 * {@code strength}, as a new picture.
	 */
	public static RgbImage withContent(RgbImage content, RgbImage styled,
		double strength)
	{
		requireStrength(strength);
		if (strength == 1) return styled;
		if (content.width() != styled.width() || content.height() != styled
			.height()) throw new IllegalArgumentException(
				"The stylized picture is not the content's size");
		float[] c = content.planes(), s = styled.planes(), out =
			new float[c.length];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) (strength * s[i] + (1 - strength) * c[i]);
		return new RgbImage(styled.width(), styled.height(), out);
	}

	/**
	 * The outputs of one model per region, each where its (feathered) mask is, at
	 * {@code strength}; the content where no region is. Overlapping regions share
	 * a pixel in proportion to their weights.
	 *
	 * @param feather the Gaussian's standard deviation in pixels; 0: hard edges
	 */
	public static int[] regions(int[] content, List<int[]> styled,
		List<Mask> masks, double strength, double feather)
	{
		requireStrength(strength);
		if (styled.size() != masks.size()) throw new IllegalArgumentException(styled
			.size() + " outputs for " + masks.size() + " regions");
		int n = content.length;
		float[][] w = new float[masks.size()][];
		for (int k = 0; k < w.length; k++) {
			if (masks.get(k).weights().length != n)
				throw new IllegalArgumentException(
					"A region's mask is not the picture's size");
			w[k] = masks.get(k).feathered(feather).weights();
		}
		int[] out = new int[n];
		for (int i = 0; i < n; i++) {
			double total = 0;
			for (float[] m : w)
				total += m[i];
			double scale = total > 1 ? 1 / total : 1;
			double[] rgb = new double[3];
			double rest = 1 - strength * total * scale;
			add(rgb, content[i], rest);
			for (int k = 0; k < w.length; k++)
				add(rgb, styled.get(k)[i], strength * w[k][i] * scale);
			out[i] = pack(rgb);
		}
		return out;
	}

	private static void add(double[] rgb, int packed, double weight) {
		if (weight == 0) return;
		rgb[0] += weight * ((packed >> 16) & 0xff);
		rgb[1] += weight * ((packed >> 8) & 0xff);
		rgb[2] += weight * (packed & 0xff);
	}

	private static int pack(double[] rgb) {
		int r = channel(rgb[0]), g = channel(rgb[1]), b = channel(rgb[2]);
		return 0xff000000 | r << 16 | g << 8 | b;
	}

	private static int channel(double v) {
		return (int) Math.max(0, Math.min(255, Math.round(v)));
	}

	private static int mix(int content, int styled, float s) {
		double[] rgb = new double[3];
		add(rgb, content, 1 - s);
		add(rgb, styled, s);
		return pack(rgb);
	}

	private static void requireStrength(double strength) {
		if (!(strength >= 0 && strength <= 1)) throw new IllegalArgumentException(
			"strength must be in [0, 1] (got " + strength + ")");
	}
}
