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
		float[][] w = feathered(content.length, styled.size(), masks, strength,
			feather);
		int n = content.length;
		int[] out = new int[n];
		double[] share = new double[w.length + 1];
		for (int i = 0; i < n; i++) {
			shares(w, i, strength, share);
			double[] rgb = new double[3];
			add(rgb, content[i], share[0]);
			for (int k = 0; k < w.length; k++)
				add(rgb, styled.get(k)[i], share[k + 1]);
			out[i] = pack(rgb);
		}
		return out;
	}

	/**
	 * {@link #regions(int[], List, List, double, double)} for planar pictures (of
	 * the content's size), without rounding to 8 bits: for images of more than 8
	 * bits, whose content must come back as it was where no region is.
	 */
	public static RgbImage regions(RgbImage content, List<RgbImage> styled,
		List<Mask> masks, double strength, double feather)
	{
		int n = content.width() * content.height();
		float[][] w = feathered(n, styled.size(), masks, strength, feather);
		for (RgbImage s : styled)
			if (s.width() != content.width() || s.height() != content.height())
				throw new IllegalArgumentException(
					"A stylized picture is not the content's size");
		float[] c = content.planes(), out = new float[c.length];
		double[] share = new double[w.length + 1];
		for (int i = 0; i < n; i++) {
			shares(w, i, strength, share);
			for (int ch = 0; ch < 3; ch++) {
				int at = ch * n + i;
				double v = share[0] * c[at];
				for (int k = 0; k < w.length; k++)
					if (share[k + 1] != 0) v += share[k + 1] * styled.get(k).planes()[at];
				out[at] = (float) v;
			}
		}
		return new RgbImage(content.width(), content.height(), out);
	}

	/** The regions' feathered masks, checked against the pictures. */
	private static float[][] feathered(int pixels, int outputs, List<Mask> masks,
		double strength, double feather)
	{
		requireStrength(strength);
		if (outputs != masks.size()) throw new IllegalArgumentException(outputs +
			" outputs for " + masks.size() + " regions");
		float[][] w = new float[masks.size()][];
		for (int k = 0; k < w.length; k++) {
			if (masks.get(k).weights().length != pixels)
				throw new IllegalArgumentException(
					"A region's mask is not the picture's size");
			w[k] = masks.get(k).feathered(feather).weights();
		}
		return w;
	}

	/**
	 * Pixel i's shares: {@code share[0]} the content's, {@code share[k + 1]}
	 * region k's output's; they add up to 1.
	 */
	private static void shares(float[][] w, int i, double strength,
		double[] share)
	{
		double total = 0;
		for (float[] m : w)
			total += m[i];
		double scale = total > 1 ? 1 / total : 1;
		share[0] = 1 - strength * total * scale;
		for (int k = 0; k < w.length; k++)
			share[k + 1] = strength * w[k][i] * scale;
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
