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

package org.neuralstyle.flow;

import org.neuralstyle.image.RgbImage;

/**
 * How much a stylized stack flickers: the mean absolute difference between each
 * output plane and its predecessor warped onto it, over the pixels the warp is
 * trusted at, relative to the same difference of the content planes. The
 * content's own difference is what the flow leaves unexplained (noise, light,
 * flow errors); 1 means the output changes from plane to plane no more than its
 * content does, larger values are flicker the stylization added. Accumulated
 * pair by pair.
 */
public final class Flicker {

	/**
	 * The content difference is taken as at least half an 8-bit level, so that a
	 * perfectly followed motion (a synthetic pan) does not divide by zero.
	 */
	public static final double CONTENT_FLOOR = 0.5 / 255;

	private double output;
	private double content;
	private long pixels;
	private int pairs;

	/**
	 * Adds one pair of consecutive planes: the previous and current output, the
	 * previous and current content, and the content's alignment.
	 */
	public void add(Alignment alignment, RgbImage previousOutput, RgbImage output,
		RgbImage previousContent, RgbImage content)
	{
		float[] weights = alignment.weights;
		this.output += difference(alignment.warp(previousOutput), output, weights);
		this.content += difference(alignment.warp(previousContent), content,
			weights);
		for (float v : weights)
			pixels += v > 0 ? 1 : 0;
		pairs++;
	}

	private static double difference(RgbImage warped, RgbImage current,
		float[] weights)
	{
		if (warped.width() != current.width() || warped.height() != current
			.height()) throw new IllegalArgumentException(
				"The flicker of planes of different sizes");
		float[] a = warped.planes(), b = current.planes();
		int n = weights.length;
		double sum = 0;
		for (int c = 0; c < 3; c++)
			for (int i = 0; i < n; i++)
				if (weights[i] > 0) sum += Math.abs(a[c * n + i] - b[c * n + i]) / 3;
		return sum;
	}

	/** The pairs of planes added. */
	public int pairs() {
		return pairs;
	}

	/**
	 * Mean absolute difference of the output planes after warping, in [0, 1] (NaN
	 * before any pair, or when no pixel could be followed).
	 */
	public double outputDifference() {
		return pixels == 0 ? Double.NaN : output / pixels;
	}

	/** The same for the content planes. */
	public double contentDifference() {
		return pixels == 0 ? Double.NaN : content / pixels;
	}

	/**
	 * The metric and its parts in one line: "flicker 1.8 (output 3.1, content 1.7
	 * 8-bit levels, 7 pairs, 92% of pixels followed)".
	 */
	public String summary() {
		if (pixels == 0)
			return "flicker not measured: no pixel could be followed from plane to plane (" +
				pairs + " pair" + (pairs == 1 ? "" : "s") + ")";
		return String.format(java.util.Locale.ROOT,
			"flicker %.3g (output %.3g, content %.3g 8-bit levels, %d pair%s)",
			relative(), 255 * outputDifference(), 255 * contentDifference(), pairs,
			pairs == 1 ? "" : "s");
	}

	/** The flicker metric: output difference over content difference. */
	public double relative() {
		return outputDifference() / Math.max(contentDifference(), CONTENT_FLOOR);
	}
}
