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

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;

/**
 * Luminance-only transfer (Gatys et al., "Preserving Color in Neural Artistic
 * Style Transfer", 2016): style is transferred on the luminance channel alone
 * and the output takes its colour (the I and Q chroma of YIQ) from the content
 * image. The style's luminance is first matched to the content's mean and
 * spread so that the two are on the same scale.
 */
public final class Luminance {

	private Luminance() {}

	/** The luminance Y = 0.299 R + 0.587 G + 0.114 B of each pixel. */
	public static float[] of(RgbImage img) {
		int n = img.width() * img.height();
		float[] p = img.planes(), y = new float[n];
		for (int i = 0; i < n; i++)
			y[i] = 0.299f * p[i] + 0.587f * p[n + i] + 0.114f * p[2 * n + i];
		return y;
	}

	/** A gray RGB image (Y in all three channels). */
	public static RgbImage gray(RgbImage img) {
		return replicate(img.width(), img.height(), of(img));
	}

	/**
	 * The style's luminance, shifted and scaled to the content luminance's mean
	 * and standard deviation.
	 */
	public static RgbImage grayMatched(RgbImage style, RgbImage content) {
		float[] ys = of(style), yc = of(content);
		double ms = mean(ys), ss = std(ys, ms), mc = mean(yc), sc = std(yc, mc);
		double scale = ss > 1e-8 ? sc / ss : 1;
		float[] out = new float[ys.length];
		for (int i = 0; i < ys.length; i++)
			out[i] = clamp((float) ((ys[i] - ms) * scale + mc));
		return replicate(style.width(), style.height(), out);
	}

	/**
	 * Recombines the luminance of {@code stylized} with the chroma (I, Q) of
	 * {@code colour}.
	 */
	public static RgbImage recolour(RgbImage stylized, RgbImage colour) {
		int n = colour.width() * colour.height();
		float[] y = of(stylized), c = colour.planes(), out = new float[3 * n];
		double[][] back = TO_RGB;
		for (int i = 0; i < n; i++) {
			double r = c[i], g = c[n + i], b = c[2 * n + i];
			double ci = YIQ[1][0] * r + YIQ[1][1] * g + YIQ[1][2] * b;
			double cq = YIQ[2][0] * r + YIQ[2][1] * g + YIQ[2][2] * b;
			for (int k = 0; k < 3; k++)
				out[k * n + i] = clamp((float) (back[k][0] * y[i] + back[k][1] * ci +
					back[k][2] * cq));
		}
		return new RgbImage(colour.width(), colour.height(), out);
	}

	/**
	 * RGB to YIQ (NTSC): Y is {@link #of}'s luminance, I and Q the chroma. Its
	 * exact inverse {@link #TO_RGB} (not the usual coefficients rounded to three
	 * digits) makes the round trip exact, so a recoloured pixel that needs no
	 * clamping has the content's chroma to float precision.
	 */
	private static final double[][] YIQ = { { 0.299, 0.587, 0.114 }, { 0.596,
		-0.274, -0.322 }, { 0.211, -0.523, 0.312 } };
	private static final double[][] TO_RGB = new LUDecomposition(
		new Array2DRowRealMatrix(YIQ)).getSolver().getInverse().getData();

	private static RgbImage replicate(int w, int h, float[] y) {
		int n = w * h;
		float[] p = new float[3 * n];
		for (int c = 0; c < 3; c++)
			System.arraycopy(y, 0, p, c * n, n);
		return new RgbImage(w, h, p);
	}

	private static double mean(float[] v) {
		double s = 0;
		for (float x : v)
			s += x;
		return s / v.length;
	}

	private static double std(float[] v, double mean) {
		double s = 0;
		for (float x : v)
			s += (x - mean) * (x - mean);
		return Math.sqrt(s / v.length);
	}

	private static float clamp(float v) {
		return v < 0 ? 0 : v > 1 ? 1 : v;
	}
}
