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
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Colour histogram matching (Gatys et al., "Controlling perceptual factors in
 * neural style transfer", 2017, section 5.1): the style image's RGB values are
 * mapped linearly, x' = A·(x − μ_S) + μ_C, so that their mean and covariance
 * become the content's, A = Σ_C^½·Σ_S^-½ (symmetric square roots, by
 * eigendecomposition). Style transferred from the matched image keeps the
 * content's colours while the full RGB texture is transferred.
 */
public final class ColourMatching {

	/**
	 * Added to the covariances' diagonals: a flat or grey image has a singular
	 * covariance, which has no inverse square root.
	 */
	static final double RIDGE = 1e-5;

	private ColourMatching() {}

	/**
	 * {@code style} recoloured to {@code content}'s colour mean and covariance,
	 * clamped to [0,1].
	 */
	public static RgbImage matched(RgbImage style, RgbImage content) {
		double[] ms = mean(style), mc = mean(content);
		RealMatrix a = power(covariance(content, mc), 0.5).multiply(power(
			covariance(style, ms), -0.5));
		int n = style.width() * style.height();
		float[] p = style.planes(), out = new float[3 * n];
		for (int i = 0; i < n; i++) {
			double r = p[i] - ms[0], g = p[n + i] - ms[1], b = p[2 * n + i] - ms[2];
			for (int c = 0; c < 3; c++) {
				double v = mc[c] + a.getEntry(c, 0) * r + a.getEntry(c, 1) * g + a
					.getEntry(c, 2) * b;
				out[c * n + i] = (float) Math.min(1, Math.max(0, v));
			}
		}
		return new RgbImage(style.width(), style.height(), out);
	}

	/** The mean of each channel. */
	public static double[] mean(RgbImage img) {
		int n = img.width() * img.height();
		float[] p = img.planes();
		double[] m = new double[3];
		for (int c = 0; c < 3; c++) {
			double s = 0;
			for (int i = 0; i < n; i++)
				s += p[c * n + i];
			m[c] = s / n;
		}
		return m;
	}

	/** The 3×3 covariance of the channels (divided by the pixel count). */
	public static double[][] covariance(RgbImage img) {
		return covariance(img, mean(img)).getData();
	}

	private static RealMatrix covariance(RgbImage img, double[] mean) {
		int n = img.width() * img.height();
		float[] p = img.planes();
		double[][] cov = new double[3][3];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < 3; j++)
				for (int k = j; k < 3; k++)
					cov[j][k] += (p[j * n + i] - mean[j]) * (p[k * n + i] - mean[k]);
		for (int j = 0; j < 3; j++)
			for (int k = j; k < 3; k++)
				cov[k][j] = cov[j][k] /= n;
		return new Array2DRowRealMatrix(cov, false);
	}

	/**
	 * M^e of a symmetric positive semi-definite M, ridged so that e < 0 exists.
	 */
	private static RealMatrix power(RealMatrix m, double e) {
		EigenDecomposition eig = new EigenDecomposition(m);
		RealMatrix v = eig.getV();
		double[] values = eig.getRealEigenvalues();
		RealMatrix d = new Array2DRowRealMatrix(3, 3);
		for (int i = 0; i < 3; i++)
			d.setEntry(i, i, Math.pow(Math.max(values[i], 0) + RIDGE, e));
		return v.multiply(d).multiply(v.transpose());
	}
}
