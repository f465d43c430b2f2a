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
 * Blind temporal smoothing of frames stylized one by one (a fast model's): each
 * output is blended with the previous blended output, warped onto it by the
 * motion of the content, where that warp is trusted; a flow-following
 * exponential moving average. A strength s keeps 1 − s of the new frame. It
 * steadies what flickers and never needs the network again, but it lags: detail
 * that should change is smeared over about 1 / (1 − s) frames, and where the
 * flow is wrong but passes the consistency check it leaves ghosts. Bonneel et
 * al. (2015) keep each frame's gradients to avoid that; this is the simple end
 * of the trade.
 */
public final class TemporalBlend {

	/** No smoothing: the frames as the model made them. */
	public static final double NONE = 0;

	private final float strength;
	private final Flicker flicker = new Flicker();
	private RgbImage previousContent;
	private RgbImage previousOutput;

	/** {@code strength} in [0, 1): the previous frame's share. */
	public TemporalBlend(double strength) {
		if (!(strength >= 0 && strength < 1)) throw new IllegalArgumentException(
			"temporal smoothing must be at least 0 and below 1 (got " + strength +
				")");
		this.strength = (float) strength;
	}

	/**
	 * The next frame's output, steadied: {@code output} stylized from
	 * {@code content} (both one size). The flicker of the steadied frames is
	 * measured on the way (with strength 0 that of the model's own frames).
	 */
	public RgbImage next(RgbImage content, RgbImage output) {
		if (content.width() != output.width() || content.height() != output
			.height()) throw new IllegalArgumentException(
				"A frame and its stylized output must have one size");
		RgbImage result = output;
		if (previousContent != null && previousContent.width() == content.width() &&
			previousContent.height() == content.height())
		{
			Alignment alignment = Alignment.between(previousContent, content);
			RgbImage warped = alignment.warp(previousOutput);
			float[] now = output.planes(), from = warped.planes(), blended =
				new float[now.length];
			int n = content.width() * content.height();
			for (int c = 0; c < 3; c++)
				for (int i = 0; i < n; i++) {
					int k = c * n + i;
					blended[k] = alignment.weights[i] > 0 ? (1 - strength) * now[k] +
						strength * from[k] : now[k];
				}
			result = new RgbImage(output.width(), output.height(), blended);
			flicker.add(alignment, previousOutput, result, previousContent, content);
		}
		previousContent = content;
		previousOutput = result;
		return result;
	}

	/**
	 * Starts another sequence (the next z of a time-lapse): the next frame has no
	 * predecessor.
	 */
	public void restart() {
		previousContent = null;
		previousOutput = null;
	}

	/** The flicker of the steadied frames so far. */
	public Flicker flicker() {
		return flicker;
	}
}
