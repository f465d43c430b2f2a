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

package org.neuralstyle.optimize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.neuralstyle.image.Luminance;
import org.neuralstyle.image.Resampling;
import org.neuralstyle.image.RgbImage;

/**
 * What a plane of a sequence takes from its predecessor: the previous result
 * warped onto it (at the working size), the per-pixel weights of that warp (1
 * trusted, 0 at disocclusions), and the weight of the temporal loss. The
 * optimization starts from the warped result and, with a positive weight, is
 * tied to it.
 */
record TemporalPrior(RgbImage warped, float[] weights, double weight) {

	/**
	 * The start image at a scale's size, grey when only luminance is optimized.
	 */
	NDArray start(NDManager m, int width, int height, boolean gray) {
		return GatysStylizer.toArray(m, at(width, height, gray));
	}

	/**
	 * {@code f} with the weighted temporal loss added, at a scale's size;
	 * {@code f} itself when the weight is 0 (a warm start only).
	 */
	ImageLoss around(ImageLoss f, int width, int height, boolean gray,
		NDManager owner)
	{
		if (weight == 0) return f;
		NDArray target = GatysStylizer.toArray(owner, at(width, height, gray));
		RgbImage mask = new RgbImage(warped.width(), warped.height(), planes(
			weights));
		float[] resized = Resampling.resize(mask, width, height).planes();
		NDArray w = owner.create(java.util.Arrays.copyOf(resized, width * height),
			new Shape(1, 1, height, width));
		return new TemporalTerm(f, target, w, weight);
	}

	private RgbImage at(int width, int height, boolean gray) {
		RgbImage img = Resampling.resize(warped, width, height);
		return gray ? Luminance.gray(img) : img;
	}

	private static float[] planes(float[] one) {
		float[] three = new float[3 * one.length];
		for (int c = 0; c < 3; c++)
			System.arraycopy(one, 0, three, c * one.length, one.length);
		return three;
	}
}
