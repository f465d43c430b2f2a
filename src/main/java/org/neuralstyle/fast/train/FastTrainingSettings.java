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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that defines the training of one fast style model. The defaults
 * are those of pytorch/examples {@code fast_neural_style} (image size 256,
 * batch 4, 2 epochs, content weight 1e5, style weight 1e10, Adam at 1e-3, seed
 * 42), whose published models were trained with them.
 */
public final class FastTrainingSettings {

	/** The content layer of Johnson et al. in VGG16. */
	public static final String CONTENT_LAYER = "relu2_2";
	/** The style layers of Johnson et al. in VGG16, shallow to deep. */
	public static final List<String> STYLE_LAYERS = List.of("relu1_2", "relu2_2",
		"relu3_3", "relu4_3");

	/** Side of the square every training image is resized and cropped to. */
	public int imageSize = 256;
	public int batchSize = 4;
	/** Passes over the training images; used when {@link #steps} is 0. */
	public int epochs = 2;
	/**
	 * Optimizer steps (batches) to train for; 0: as many as {@link #epochs} take.
	 */
	public int steps = 0;
	public double contentWeight = 1e5;
	public double styleWeight = 1e10;
	public double learningRate = 1e-3;
	/**
	 * Long side the style image is resized to; 0 keeps its size, as
	 * pytorch/examples does by default.
	 */
	public int styleSize = 0;
	/** Write a resumable checkpoint every this many steps; 0: never. */
	public int checkpointEvery = 1000;
	/**
	 * Seeds the initial weights and the order of the training images in every
	 * epoch.
	 */
	public long seed = 42;

	/**
	 * Checks every value a user can get wrong.
	 *
	 * @throws IllegalArgumentException saying which value is wrong and what to
	 *           give instead
	 */
	public void validate() {
		if (imageSize < 16 || imageSize % 4 != 0)
			throw new IllegalArgumentException("The image size must be a multiple" +
				" of 4 and at least 16 (the network halves the size twice and doubles it back), got " +
				imageSize + "; 256 is usual.");
		if (batchSize < 1) throw new IllegalArgumentException(
			"The batch size must be at least 1, got " + batchSize + ".");
		if (steps < 0) throw new IllegalArgumentException(
			"The number of steps must be 0 (train for the epochs) or more, got " +
				steps + ".");
		if (steps == 0 && epochs < 1) throw new IllegalArgumentException(
			"Give at least 1 epoch, or a number of steps, got " + epochs +
				" epochs.");
		finite("content weight", contentWeight);
		finite("style weight", styleWeight);
		if (contentWeight == 0 && styleWeight == 0)
			throw new IllegalArgumentException(
				"The content and style weights are both 0: nothing would be learned. The usual values are 1e5 and 1e10.");
		if (!(learningRate > 0) || Double.isInfinite(learningRate))
			throw new IllegalArgumentException(
				"The learning rate must be a positive number, got " + learningRate +
					"; 1e-3 is usual.");
		if (styleSize < 0) throw new IllegalArgumentException(
			"The style size must be 0 (keep the style image's size) or more, got " +
				styleSize + ".");
		if (styleSize > 0 && styleSize < 16) throw new IllegalArgumentException(
			"The style size must be at least 16 pixels for the loss network to see its style, got " +
				styleSize + ".");
		if (checkpointEvery < 0) throw new IllegalArgumentException(
			"Checkpoint every must be 0 (no checkpoints) or more steps, got " +
				checkpointEvery + ".");
	}

	private static void finite(String what, double value) {
		if (!(value >= 0) || Double.isInfinite(value))
			throw new IllegalArgumentException("The " + what +
				" must be a finite number of 0 or more, got " + value + ".");
	}

	/**
	 * Batches in one pass over {@code images} training images; the last one may
	 * be smaller.
	 */
	public int batchesPerEpoch(int images) {
		return (images + batchSize - 1) / batchSize;
	}

	/** Steps of the whole training on {@code images} training images. */
	public int totalSteps(int images) {
		long total = steps > 0 ? steps : (long) epochs * batchesPerEpoch(images);
		if (total > Integer.MAX_VALUE) throw new IllegalArgumentException(epochs +
			" epochs of " + images +
			" images are more steps than can be counted: give fewer epochs, or a number of steps.");
		return (int) total;
	}

	/**
	 * The settings as the string metadata a trained model carries, so that it
	 * says how it was made. The keys are stable: tools may read them.
	 */
	public Map<String, String> metadata() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("image_size", Integer.toString(imageSize));
		m.put("batch_size", Integer.toString(batchSize));
		if (steps > 0) m.put("steps", Integer.toString(steps));
		else m.put("epochs", Integer.toString(epochs));
		m.put("content_weight", number(contentWeight));
		m.put("style_weight", number(styleWeight));
		m.put("learning_rate", number(learningRate));
		m.put("style_size", styleSize == 0 ? "original" : Integer.toString(
			styleSize));
		m.put("seed", Long.toString(seed));
		m.put("content_layer", CONTENT_LAYER);
		m.put("style_layers", String.join(",", STYLE_LAYERS));
		return m;
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%s", value).replace("E", "e");
	}
}
