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

package org.neuralstyle.fast.train;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.loss.ContentLoss;
import org.neuralstyle.loss.GramMatrix;
import org.neuralstyle.loss.LayerSum;
import org.neuralstyle.loss.StyleLoss;
import org.neuralstyle.tensor.Scalars;

/**
 * The perceptual loss Johnson et al. train with, as pytorch/examples computes
 * it: the content term compares the relu2_2 features of output and input, the
 * style term the Gram matrices of the output's relu1_2, relu2_2, relu3_3 and
 * relu4_3 features with the style image's. Images enter in 0..255 and are
 * divided by 255 for the VGG, which normalizes them to ImageNet statistics
 * itself.
 */
final class PerceptualLoss implements AutoCloseable {

	private final Vgg vgg;
	private final double contentWeight;
	private final double styleWeight;
	private final NDManager manager;
	private final LayerSum style = new LayerSum();
	private final Set<String> stylizedLayers = new LinkedHashSet<>();

	/**
	 * Computes the style's Gram matrices once, into a manager of its own that
	 * {@link #close()} frees.
	 */
	PerceptualLoss(Vgg vgg, RgbImage styleImage, double contentWeight,
		double styleWeight, NDManager parent)
	{
		this.vgg = vgg;
		this.contentWeight = contentWeight;
		this.styleWeight = styleWeight;
		this.manager = parent.newSubManager();
		if (contentWeight > 0) stylizedLayers.add(
			FastTrainingSettings.CONTENT_LAYER);
		if (styleWeight > 0) {
			stylizedLayers.addAll(FastTrainingSettings.STYLE_LAYERS);
			try (NDManager scope = manager.newSubManager()) {
				NDArray image = scope.create(styleImage.planes(), new Shape(1, 3,
					styleImage.height(), styleImage.width()));
				Map<String, NDArray> features = vgg.features(image,
					FastTrainingSettings.STYLE_LAYERS);
				for (String layer : FastTrainingSettings.STYLE_LAYERS) {
					NDArray gram = GramMatrix.ofBatch(features.get(layer));
					gram.attach(manager);
					style.add(layer, 1f, new StyleLoss(gram));
				}
			}
		}
	}

	/**
	 * The weighted content and style terms of a batch, scalars in its gradient
	 * graph.
	 */
	record Terms(NDArray content, NDArray style) {

		NDArray total() {
			return content.add(style);
		}
	}

	/**
	 * The weighted content and style terms for a batch, in the gradient graph of
	 * {@code stylized} and in its manager. The style Grams (1×C×C) broadcast over
	 * the batch, which is what the example's repeated style batch amounts to.
	 *
	 * @param stylized the network's output, N×3×H×W in 0..255 (not clamped)
	 * @param content its input, the same shape
	 */
	Terms terms(NDArray stylized, NDArray content) {
		Map<String, NDArray> features = vgg.features(Scalars.dividedBy(stylized,
			255f), stylizedLayers);
		NDArray contentTerm = Scalars.of(stylized.getManager(), 0f, stylized);
		if (contentWeight > 0) {
			String layer = FastTrainingSettings.CONTENT_LAYER;
			NDArray target = vgg.features(Scalars.dividedBy(content, 255f), List.of(
				layer)).get(layer);
			contentTerm = Scalars.times(new ContentLoss(target).of(features.get(
				layer)), (float) contentWeight);
		}
		return new Terms(contentTerm, Scalars.times(style.of(features),
			(float) styleWeight));
	}

	@Override
	public void close() {
		manager.close();
	}
}
