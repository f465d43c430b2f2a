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

import java.util.LinkedHashMap;
import java.util.Map;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.loss.LossForms;
import org.neuralstyle.net.Pooling;
import org.neuralstyle.net.Precision;
import org.neuralstyle.net.Preprocessing;
import org.neuralstyle.optim.LineSearch;
import org.neuralstyle.optim.OptimizerKind;

/**
 * Everything that defines one optimization run. The defaults reproduce the
 * PyTorch "Neural Transfer" tutorial (content conv2_2, style conv1_1…conv3_1,
 * weights 1 and 1e6, L-BFGS, 300 iterations, long side 512), so results can be
 * checked against that reference.
 */
public final class StyleTransferSettings {

	/** Where the optimized image starts. */
	public enum Init {

			CONTENT, RANDOM, IMAGE;

		/**
		 * The names users type for the first two, for choice lists; the command
		 * line takes the file itself for the third, the Fiji commands {@code file}
		 * and the file apart.
		 */
		public static final String CONTENT_NAME = "content", RANDOM_NAME = "random",
				FILE_NAME = "file";
	}

	/**
	 * How the output's colours relate to the content's and the style's.
	 * {@link #NONE}: the style's colours are transferred with its texture.
	 * {@link #LUMINANCE}: style is transferred on luminance alone and the output
	 * takes the content's chroma (Gatys et al. 2016, "Preserving color in neural
	 * artistic style transfer"). {@link #HISTOGRAM}: each style image is first
	 * recoloured to the content's colour mean and covariance
	 * ({@link org.neuralstyle.image.ColourMatching}), then transferred in full
	 * colour (Gatys et al. 2017).
	 */
	public enum ColorMode {

			NONE, LUMINANCE, HISTOGRAM;

		/** The names users type, for choice lists. */
		public static final String NONE_NAME = "none", LUMINANCE_NAME = "luminance",
				HISTOGRAM_NAME = "histogram";

		public static ColorMode parse(String name) {
			for (ColorMode m : values())
				if (m.name().equalsIgnoreCase(name.trim())) return m;
			throw new IllegalArgumentException("Unknown colour mode '" + name +
				"': use none, luminance or histogram.");
		}

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** The kinds of random start image. */
	public enum Noise {

			/** Uniform in [0, 1) per pixel value (Java's generator from the seed). */
			UNIFORM,
			/**
			 * Uniform in [0, 255) − 128 in Caffe units (BGR, means subtracted), as
			 * Keras' example starts: the same pixels whatever the preprocessing.
			 */
			UNIFORM_CAFFE;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}
	}

	/** What the optimizer moves. */
	public enum Variable {

			/** RGB pixels in [0, 1] (the tutorial's). */
			PIXELS,
			/**
			 * The network's input, after preprocessing (yunjey's, CS231n's and Keras'
			 * code optimize the normalized tensor).
			 */
			NETWORK_INPUT;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}
	}

	/** Clamping of the variable before an evaluation. */
	public enum Clamping {

			/** Never during the optimization; the result is clipped to [0, 1]. */
			NONE,
			/** So that the pixels lie in [0, 1] (the tutorial's clamp_(0, 1)). */
			PIXELS,
			/** To [clampLow, clampHigh] in the variable's units (CS231n). */
			RANGE;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** How the style images are sized. */
	public enum StyleSize {

			/** Long side: the content's times {@link #styleScale}, aspect kept. */
			SCALED,
			/** Exactly the content's width and height (yunjey's, Keras'). */
			CONTENT_SHAPE;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}
	}

	/** How the final variable becomes the result image. */
	public enum Postprocessing {

			/** Pixels clipped to [0, 1]. */
			CLIP,
			/**
			 * Pixels rescaled so that their minimum is 0 and maximum 1 (CS231n's
			 * deprocess).
			 */
			MIN_MAX;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}
	}

	public static final String DEFAULT_CONTENT_LAYERS = "conv2_2";
	public static final String DEFAULT_STYLE_LAYERS =
		"conv1_1,conv1_2,conv2_1,conv2_2,conv3_1";

	public int iterations = 300;
	public OptimizerKind optimizer = OptimizerKind.LBFGS;
	/**
	 * Learning rate; NaN means the optimizer's default
	 * ({@link OptimizerKind#defaultLearningRate()}).
	 */
	public double learningRate = Double.NaN;
	public double contentWeight = 1;
	public double styleWeight = 1e6;
	public double tvWeight = 0;
	public Map<String, Float> contentLayers = parseLayers(DEFAULT_CONTENT_LAYERS);
	public Map<String, Float> styleLayers = parseLayers(DEFAULT_STYLE_LAYERS);
	/**
	 * Long side of the working size; larger content images are downscaled,
	 * smaller ones kept. 0: the content's own size.
	 */
	public int maxSize = 512;
	/**
	 * Side of the tiles the loss is evaluated in ({@link #TILE_AUTOMATIC}: tiles
	 * only when the whole image does not fit in the memory available; 0: never).
	 * Tiled or not, the result is the same up to float rounding.
	 */
	public int tile = TILE_AUTOMATIC;

	/** {@link #tile}: chosen from the memory available. */
	public static final int TILE_AUTOMATIC = -1;
	/**
	 * Number of scales of a coarse-to-fine run (1: one scale, the working size).
	 * With more, the optimization starts at a smaller size and grows to the
	 * working size; each scale starts from the previous result, upsampled. The
	 * {@link #iterations} are shared out: the first scale gets a double share, as
	 * it builds the style from the start image, the others one share each (the
	 * ratio of crowsonkb/style_transfer's defaults). Each scale stops at its
	 * share exactly, so the run makes exactly {@link #iterations} evaluations; a
	 * one-scale L-BFGS run completes its last step of 20.
	 */
	public int scales = 1;
	/**
	 * Long side of the first (smallest) scale when {@link #scales} is above 1;
	 * the sizes in between grow by an equal factor. 0: each scale √2 times the
	 * one before.
	 */
	public int minSize = 0;
	/**
	 * Style images are resized to a long side of the content's long side times
	 * this.
	 */
	public double styleScale = 1;
	public Init init = Init.CONTENT;
	public RgbImage initImage;
	public long seed = 0;
	public ColorMode colorMode = ColorMode.NONE;
	/**
	 * How strongly the style is applied, in [0,1]: the style weight is scaled by
	 * {@link #strengthFactor}. 1: the style weight as given; 0: no style.
	 */
	public double strength = 1;
	public Pooling pooling = Pooling.MAX;
	/** The number format of the convolutions (see {@link Precision}). */
	public Precision precision = Precision.parse(Precision.DEFAULT);
	/**
	 * Hand the current image to the listener every this many iterations (0:
	 * never).
	 */
	public int snapshotEvery = 10;
	/**
	 * Weight of the temporal loss (Ruder et al. 2016) when the planes of a stack
	 * are stylized in order ({@link PlaneSequence}): each plane then starts from
	 * the previous plane's result warped onto it by the motion of the content,
	 * and is tied to it where that motion is trusted. 0: every plane on its own.
	 */
	public double temporalWeight = 0;
	/** Memory L-BFGS may use for its history of curvature pairs. */
	public long historyBudgetBytes = 1L << 30;

	// How the losses are written, what is optimized and how: the tutorial's by
	// default; presets (org.neuralstyle.optimize.preset) set the source systems'.

	/** The network input from the pixels. */
	public Preprocessing preprocessing = Preprocessing.TORCHVISION;
	public Variable variable = Variable.PIXELS;
	public LossForms.Reduction contentReduction = LossForms.Reduction.MEAN;
	public LossForms.GramNormalization gramNormalization =
		LossForms.GramNormalization.CHW;
	public LossForms.Reduction styleReduction = LossForms.Reduction.MEAN;
	public LossForms.StyleDivisor styleDivisor = LossForms.StyleDivisor.NONE;
	public LossForms.TotalVariation tvForm =
		LossForms.TotalVariation.MEAN_SQUARED;
	public Noise noise = Noise.UNIFORM;
	public StyleSize styleSize = StyleSize.SCALED;
	public Clamping clamping = Clamping.PIXELS;
	/** {@link Clamping#RANGE}'s bounds, in the variable's units. */
	public double clampLow = 0, clampHigh = 1;
	/**
	 * Clamp before the evaluations of iterations 0 … this − 1 only (CS231n: the
	 * first 190); 0: before every evaluation.
	 */
	public int clampIterations = 0;
	public Postprocessing postprocessing = Postprocessing.CLIP;
	/** Adam's β₁ and β₂ (PyTorch's 0.9, 0.999). */
	public double adamBeta1 = 0.9, adamBeta2 = 0.999;
	/**
	 * L-BFGS: fixed steps (the tutorial's) or torch's strong-Wolfe search. The
	 * default searches: with fixed steps the loss can climb for dozens of
	 * evaluations (measured in docs/presets.md, "Default robustness").
	 */
	public LineSearch lineSearch = LineSearch.STRONG_WOLFE;
	/**
	 * From this iteration on the learning rate is {@link #learningRateLater}
	 * (CS231n: 0.1 from 180); 0: never changes.
	 */
	public int learningRateDecayAt = 0;
	public double learningRateLater = Double.NaN;
	/**
	 * Return the image of the evaluation with the lowest loss rather than the
	 * last one. On by default: fixed-step L-BFGS does not lower the loss at every
	 * evaluation, and the last image need not be the best (issue 13;
	 * docs/presets.md). The pytorch-tutorial preset returns the last, as the
	 * tutorial does.
	 */
	public boolean keepBest = true;

	/**
	 * Whether the losses are the tutorial's: the only forms the tiled evaluation
	 * computes.
	 */
	public boolean tutorialLossForms() {
		return variable == Variable.PIXELS &&
			preprocessing == Preprocessing.TORCHVISION &&
			contentReduction == LossForms.Reduction.MEAN &&
			gramNormalization == LossForms.GramNormalization.CHW &&
			styleReduction == LossForms.Reduction.MEAN &&
			styleDivisor == LossForms.StyleDivisor.NONE &&
			tvForm == LossForms.TotalVariation.MEAN_SQUARED;
	}

	/** A copy: every field, the layer maps copied. */
	public StyleTransferSettings copy() {
		StyleTransferSettings c = new StyleTransferSettings();
		for (java.lang.reflect.Field f : StyleTransferSettings.class.getFields()) {
			if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
			try {
				f.set(c, f.get(this));
			}
			catch (IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
		}
		c.contentLayers = new LinkedHashMap<>(contentLayers);
		c.styleLayers = new LinkedHashMap<>(styleLayers);
		return c;
	}

	/**
	 * The factor {@link #strength} scales the style weight by: (1000^S − 1) /
	 * 999, 0 at S = 0 and 1 at S = 1, exponential in between (0.03 at S = 0.5,
	 * 0.18 at S = 0.75), because the look of a result changes with the logarithm
	 * of the style weight (users sweep it by decades); three decades span what
	 * the default weights make visible.
	 */
	public static double strengthFactor(double strength) {
		return (Math.pow(1000, strength) - 1) / 999;
	}

	/** The style weight in effect: {@link #styleWeight} at {@link #strength}. */
	public double effectiveStyleWeight() {
		return strength == 1 ? styleWeight : styleWeight * strengthFactor(strength);
	}

	/**
	 * Style on luminance only, the output recoloured with the content's chroma.
	 */
	public boolean luminanceOnly() {
		return colorMode == ColorMode.LUMINANCE;
	}

	/** Learning rate in effect: the explicit one or the optimizer's default. */
	public double effectiveLearningRate() {
		if (!Double.isNaN(learningRate)) return learningRate;
		return optimizer.defaultLearningRate();
	}

	/**
	 * Parses a layer list such as {@code conv1_1,conv2_1:0.5}: names with an
	 * optional weight after a colon (default 1).
	 */
	public static Map<String, Float> parseLayers(String spec) {
		Map<String, Float> out = new LinkedHashMap<>();
		for (String part : spec.split(",")) {
			String p = part.trim();
			if (p.isEmpty()) continue;
			int colon = p.indexOf(':');
			String name = colon < 0 ? p : p.substring(0, colon).trim();
			float w;
			try {
				w = colon < 0 ? 1f : Float.parseFloat(p.substring(colon + 1).trim());
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("Bad layer weight in '" + p +
					"': write NAME or NAME:WEIGHT, e.g. conv2_1:0.5");
			}
			if (!(w >= 0) || Float.isInfinite(w)) throw new IllegalArgumentException(
				"Layer weight must be a finite number >= 0: " + p);
			out.put(name, w);
		}
		if (out.isEmpty()) throw new IllegalArgumentException("Empty layer list '" +
			spec + "': name at least one layer, e.g. conv2_2");
		return out;
	}

	/**
	 * Checks every value; the message says which parameter is wrong and what is
	 * allowed.
	 */
	public void validate() {
		require(iterations >= 1, "iterations must be at least 1 (got " +
			iterations + ")");
		require(maxSize >= 16 || maxSize == 0,
			"max size must be at least 16 pixels, or 0 for the image's own size (got " +
				maxSize + ")");
		require(scales >= 1, "scales must be at least 1 (got " + scales + ")");
		require(minSize >= 0,
			"min size must be a number of pixels, or 0 for steps of √2 (got " +
				minSize + ")");
		require(scales == 1 || iterations > scales,
			"iterations must be more than the number of scales, so that each gets at least one (" +
				iterations + " iterations for " + scales + " scales)");
		require(tile >= TILE_AUTOMATIC,
			"tile must be a number of pixels, 0 for no tiling or " + TILE_AUTOMATIC +
				" for automatic (got " + tile + ")");
		require(finiteNonNegative(contentWeight),
			"content weight must be a finite number >= 0 (got " + contentWeight +
				")");
		require(finiteNonNegative(styleWeight),
			"style weight must be a finite number >= 0 (got " + styleWeight + ")");
		require(finiteNonNegative(tvWeight),
			"tv weight must be a finite number >= 0 (got " + tvWeight + ")");
		require(finiteNonNegative(temporalWeight),
			"temporal weight must be a finite number >= 0 (got " + temporalWeight +
				")");
		require(contentWeight > 0 || styleWeight > 0,
			"the content weight or the style weight must be positive");
		require(strength >= 0 && strength <= 1, "strength must be in [0, 1] (got " +
			strength + ")");
		require(colorMode != null,
			"a colour mode is needed: none, luminance or histogram");
		require(styleScale > 0 && styleScale <= 8,
			"style scale must be in (0, 8] (got " + styleScale + ")");
		double lr = effectiveLearningRate();
		require(lr > 0 && !Double.isInfinite(lr),
			"learning rate must be a positive number (got " + lr + ")");
		require(snapshotEvery >= 0, "snapshot interval must be >= 0 (got " +
			snapshotEvery + ")");
		require(adamBeta1 >= 0 && adamBeta1 < 1 && adamBeta2 >= 0 && adamBeta2 < 1,
			"Adam's betas must lie in [0, 1) (got " + adamBeta1 + ", " + adamBeta2 +
				")");
		require(!(clampLow > clampHigh), "the clamp range is empty (" + clampLow +
			" > " + clampHigh + ")");
		require(clampIterations >= 0, "clamp iterations must be >= 0 (got " +
			clampIterations + ")");
		require(learningRateDecayAt >= 0,
			"the iteration of the learning-rate change must be >= 0 (got " +
				learningRateDecayAt + ")");
		require(learningRateDecayAt == 0 || (learningRateLater > 0 && !Double
			.isInfinite(learningRateLater)),
			"the later learning rate must be a positive number (got " +
				learningRateLater + ")");
		require(init != Init.IMAGE || initImage != null,
			"init from an image needs the image");
	}

	private static boolean finiteNonNegative(double v) {
		// The losses are computed in float32: a weight beyond its range would
		// overflow at once.
		return v >= 0 && Float.isFinite((float) v);
	}

	private static void require(boolean ok, String message) {
		if (!ok) throw new IllegalArgumentException(message);
	}
}
