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

package org.neuralstyle.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * How RGB pixels in [0, 1] become the input a feature network was trained on,
 * and back. The optimized variable of some presets is this input (yunjey's and
 * the CS231n code optimize the normalized tensor, Keras the Caffe-style one),
 * so both directions are needed.
 */
public enum Preprocessing {

		/**
		 * torchvision's: per channel (p − mean) / std with the ImageNet mean
		 * (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225).
		 */
		TORCHVISION(new float[] { 1 / 0.229f, 1 / 0.224f, 1 / 0.225f },
			new float[] { -0.485f / 0.229f, -0.456f / 0.224f, -0.406f / 0.225f },
			false),
		/**
		 * Caffe's (Keras' {@code preprocess_input} in "caffe" mode): BGR order,
		 * 0–255, the channel means 103.939, 116.779, 123.68 (B, G, R) subtracted.
		 */
		CAFFE(new float[] { 255f, 255f, 255f }, new float[] { -103.939f, -116.779f,
			-123.68f }, true);

	/** ImageNet statistics of torchvision's weights (RGB in [0,1]). */
	public static final float[] MEAN = { 0.485f, 0.456f, 0.406f };
	public static final float[] STD = { 0.229f, 0.224f, 0.225f };

	// input channel c = scale[c] · pixel channel (bgr ? 2 − c : c) + offset[c]
	private final float[] scale;
	private final float[] offset;
	private final boolean bgr;

	Preprocessing(float[] scale, float[] offset, boolean bgr) {
		this.scale = scale;
		this.offset = offset;
		this.bgr = bgr;
	}

	/** The network input of a 1×3×H×W RGB image in [0, 1]. */
	public NDArray toInput(NDArray pixels) {
		NDManager m = pixels.getManager();
		// As torchvision's Normalize: (p − mean) / std, bit for bit.
		if (this == TORCHVISION) return pixels.sub(channels(m, MEAN)).div(channels(
			m, STD));
		NDArray ordered = bgr ? pixels.flip(1) : pixels;
		return ordered.mul(channels(m, scale)).add(channels(m, offset));
	}

	/** The RGB pixels (in [0, 1] where the input is in range) of an input. */
	public NDArray toPixels(NDArray input) {
		NDManager m = input.getManager();
		if (this == TORCHVISION) return input.mul(channels(m, STD)).add(channels(m,
			MEAN));
		NDArray p = input.sub(channels(m, offset)).div(channels(m, scale));
		return bgr ? p.flip(1) : p;
	}

	/** One value per channel, shaped to broadcast over 1×3×H×W. */
	private static NDArray channels(NDManager m, float[] values) {
		return m.create(values, new Shape(1, 3, 1, 1));
	}

	/**
	 * The input values of pixels 0 and 1 per input channel: the box a variable in
	 * input units is clamped to so that its pixels stay in [0, 1].
	 */
	public float[][] pixelRange() {
		float[] low = new float[3], high = new float[3];
		for (int c = 0; c < 3; c++) {
			low[c] = this == TORCHVISION ? (0 - MEAN[c]) / STD[c] : offset[c];
			high[c] = this == TORCHVISION ? (1 - MEAN[c]) / STD[c] : scale[c] +
				offset[c];
		}
		return new float[][] { low, high };
	}

	@Override
	public String toString() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
