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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Colour histogram matching gives the style the content's colour mean and
 * covariance.
 */
class ColourMatchingTest {

	@Test
	void theMatchedStyleHasTheContentsMeanAndCovariance() {
		RgbImage content = tinted(60, 40, 1, 0.45, 0.5, 0.55, 0.1);
		RgbImage style = tinted(50, 50, 2, 0.6, 0.35, 0.3, 0.08);
		RgbImage matched = ColourMatching.matched(style, content);
		double[] mc = ColourMatching.mean(content), mm = ColourMatching.mean(
			matched);
		double[][] cc = ColourMatching.covariance(content), cm = ColourMatching
			.covariance(matched);
		for (int i = 0; i < 3; i++) {
			assertEquals(mc[i], mm[i], 1e-4, "mean " + i);
			for (int j = 0; j < 3; j++)
				assertEquals(cc[i][j], cm[i][j], 2e-4, "covariance " + i + "," + j);
		}
	}

	@Test
	void onAGreyContentTheStyleLosesItsColour() {
		RgbImage grey = Luminance.gray(tinted(40, 40, 3, 0.5, 0.5, 0.5, 0.15));
		RgbImage style = tinted(40, 40, 4, 0.8, 0.3, 0.2, 0.1);
		RgbImage matched = ColourMatching.matched(style, grey);
		assertTrue(chroma(style) > 0.1, "the style is colourful: " + chroma(style));
		assertTrue(chroma(matched) < 0.01, "the matched style is grey: " + chroma(
			matched));
	}

	/** Mean |R − B| + |G − B|: 0 for a grey picture. */
	static double chroma(RgbImage img) {
		int n = img.width() * img.height();
		float[] p = img.planes();
		double s = 0;
		for (int i = 0; i < n; i++)
			s += Math.abs(p[i] - p[2 * n + i]) + Math.abs(p[n + i] - p[2 * n + i]);
		return s / n;
	}

	/**
	 * Noise around a colour, its channels correlated (a shared term) and
	 * independent (a term each).
	 */
	static RgbImage tinted(int w, int h, long seed, double r, double g, double b,
		double spread)
	{
		Random rnd = new Random(seed);
		int n = w * h;
		float[] p = new float[3 * n];
		double[] mean = { r, g, b };
		for (int i = 0; i < n; i++) {
			double shared = rnd.nextGaussian();
			for (int c = 0; c < 3; c++)
				p[c * n + i] = (float) Math.max(0, Math.min(1, mean[c] + spread *
					(shared * (0.5 + 0.4 * c) + 0.6 * rnd.nextGaussian())));
		}
		return new RgbImage(w, h, p);
	}
}
