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

import java.util.Collection;
import java.util.Map;

import org.neuralstyle.loss.LossForms;
import org.neuralstyle.net.Preprocessing;
import org.neuralstyle.net.FeatureNetwork;
import org.neuralstyle.optimize.StyleTransferSettings.Clamping;
import org.neuralstyle.optimize.StyleTransferSettings.Variable;
import org.neuralstyle.tensor.Scalars;

/**
 * What the optimizer moves and how it relates to pixels and to the network: RGB
 * pixels in [0, 1] (the tutorial), or the preprocessed network input (yunjey's,
 * CS231n's and Keras' code). Feature maps, the total-variation term, clamping
 * and the result image all go through here, so the stylizer is the same for
 * every preset.
 */
final class VariableSpace {

	private final StyleTransferSettings s;

	VariableSpace(StyleTransferSettings s) {
		this.s = s;
	}

	private boolean input() {
		return s.variable == Variable.NETWORK_INPUT;
	}

	/** The variable of a 1×3×H×W pixel image. */
	NDArray fromPixels(NDArray pixels) {
		return input() ? s.preprocessing.toInput(pixels) : pixels;
	}

	/** The pixels (unclipped) of a 1×3×H×W variable. */
	NDArray pixels(NDArray variable) {
		return input() ? s.preprocessing.toPixels(variable) : variable;
	}

	/** Feature maps of a 1×3×H×W pixel image (content and style targets). */
	Map<String, NDArray> featuresOfPixels(FeatureNetwork net, NDArray pixels,
		Collection<String> layers)
	{
		// torchvision's normalization through the network's own path: the
		// tutorial's computation, bit for bit.
		if (s.preprocessing == Preprocessing.TORCHVISION) return net.features(
			pixels, layers);
		return net.featuresOfInput(s.preprocessing.toInput(pixels), layers);
	}

	/** Feature maps of a 1×3×H×W variable, in its gradient graph. */
	Map<String, NDArray> features(FeatureNetwork net, NDArray variable,
		Collection<String> layers)
	{
		return input() ? net.featuresOfInput(variable, layers) : featuresOfPixels(
			net, variable, layers);
	}

	/**
	 * What the total-variation form is computed on: the variable, or for Keras'
	 * form the image in 0–255 units (its variable's units).
	 */
	NDArray tvInput(NDArray variable) {
		if (s.tvForm != LossForms.TotalVariation.POWER_1_25) return variable;
		if (input() && s.preprocessing == Preprocessing.CAFFE) return variable;
		return Scalars.times(pixels(variable), 255f);
	}

	/** Whether the variable is clamped before the evaluation of iteration k. */
	boolean clampsAt(int iteration) {
		return s.clamping != Clamping.NONE && (s.clampIterations == 0 ||
			iteration < s.clampIterations);
	}

	/** Clamps a (flat or shaped) variable in place, by handle. */
	void clamp(NDArray variable) {
		try (NDManager scope = variable.getManager().newSubManager()) {
			variable.tempAttach(scope);
			if (s.clamping == Clamping.RANGE) {
				variable.intern(variable.clip(s.clampLow, s.clampHigh));
			}
			else if (!input()) {
				variable.intern(variable.clip(0f, 1f));
			}
			else {
				float[][] range = s.preprocessing.pixelRange();
				Shape shape = variable.getShape();
				long plane = shape.size() / 3;
				NDArray v = variable.reshape(3, plane);
				NDArray low = scope.create(range[0], new Shape(3, 1));
				NDArray high = scope.create(range[1], new Shape(3, 1));
				variable.intern(v.maximum(low).minimum(high).reshape(shape)
					.duplicate());
			}
		}
	}

	/**
	 * The result's pixels of a variable (any shape holding 1×3×H×W): clipped to
	 * [0, 1], or rescaled to it (CS231n's deprocess).
	 */
	float[] resultPixels(NDArray variable, int width, int height) {
		try (NDManager scope = variable.getManager().newSubManager()) {
			variable.tempAttach(scope);
			NDArray p = pixels(variable.reshape(1, 3, height, width));
			if (s.postprocessing == StyleTransferSettings.Postprocessing.MIN_MAX) {
				float min = p.min().getFloat(), max = p.max().getFloat();
				NDArray shifted = Scalars.plus(p, -min);
				p = max > min ? Scalars.dividedBy(shifted, max - min) : shifted;
			}
			return p.clip(0f, 1f).toFloatArray();
		}
	}
}
