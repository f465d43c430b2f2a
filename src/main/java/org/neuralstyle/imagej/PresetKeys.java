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

package org.neuralstyle.imagej;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.neuralstyle.optimize.StyleTransferSettings;

/**
 * The macro keys of Stylize (optimize) that a preset sets, as text: what its
 * dialog fills in, what the comparison with the engine's defaults reads, and
 * how one key's setting is carried over from one settings object to another.
 * Settings without a key (loss forms, preprocessing, clamping...) come from the
 * preset alone.
 */
final class PresetKeys {

	private PresetKeys() {}

	/** The key values of these settings and network. */
	static Map<String, String> values(StyleTransferSettings s, String network) {
		Map<String, String> v = new LinkedHashMap<>();
		v.put("iterations", Integer.toString(s.iterations));
		v.put("optimizer", s.optimizer.id());
		v.put("content_weight", number(s.contentWeight));
		v.put("style_weight", number(s.styleWeight));
		v.put("tv_weight", number(s.tvWeight));
		v.put("max_size", Integer.toString(s.maxSize));
		v.put("tile", Integer.toString(s.tile));
		v.put("init", switch (s.init) {
			case CONTENT -> StyleTransferSettings.Init.CONTENT_NAME;
			case RANDOM -> StyleTransferSettings.Init.RANDOM_NAME;
			case IMAGE -> StyleTransferSettings.Init.FILE_NAME;
		});
		v.put("preserve_colors", Boolean.toString(s.luminanceOnly()));
		v.put("color_mode", s.colorMode.toString());
		v.put("strength", number(s.strength));
		v.put("snapshot_every", Integer.toString(s.snapshotEvery));
		v.put("style_scale", number(s.styleScale));
		v.put("content_layers", layers(s.contentLayers));
		v.put("style_layers", layers(s.styleLayers));
		v.put("seed", Long.toString(s.seed));
		v.put("pooling", s.pooling.name().toLowerCase(Locale.ROOT));
		// The key's 0 means the optimizer's own rate.
		v.put("learning_rate", number(Double.isNaN(s.learningRate) ? 0
			: s.learningRate));
		v.put("scales", Integer.toString(s.scales));
		v.put("min_size", Integer.toString(s.minSize));
		v.put("network", network);
		return v;
	}

	/** Copies the setting behind {@code key} from {@code from} to {@code to}. */
	static void copy(String key, StyleTransferSettings from,
		StyleTransferSettings to)
	{
		switch (key) {
			case "iterations" -> to.iterations = from.iterations;
			case "optimizer" -> to.optimizer = from.optimizer;
			case "content_weight" -> to.contentWeight = from.contentWeight;
			case "style_weight" -> to.styleWeight = from.styleWeight;
			case "tv_weight" -> to.tvWeight = from.tvWeight;
			case "max_size" -> to.maxSize = from.maxSize;
			case "tile" -> to.tile = from.tile;
			case "init" -> to.init = from.init;
			case "preserve_colors", "color_mode" -> to.colorMode = from.colorMode;
			case "strength" -> to.strength = from.strength;
			case "snapshot_every" -> to.snapshotEvery = from.snapshotEvery;
			case "style_scale" -> to.styleScale = from.styleScale;
			case "content_layers" -> to.contentLayers = from.contentLayers;
			case "style_layers" -> to.styleLayers = from.styleLayers;
			case "seed" -> to.seed = from.seed;
			case "pooling" -> to.pooling = from.pooling;
			case "learning_rate" -> to.learningRate = from.learningRate;
			case "scales" -> to.scales = from.scales;
			case "min_size" -> to.minSize = from.minSize;
			default -> throw new IllegalArgumentException("No setting for key " +
				key);
		}
	}

	/** A number as the comparison reads it: 1000000 and 1e6 are one value. */
	static String number(double v) {
		return Double.toString(v);
	}

	/** A layer list in one spelling: names with their weight where not 1. */
	static String layers(Map<String, Float> layers) {
		StringBuilder b = new StringBuilder();
		layers.forEach((name, w) -> b.append(b.length() == 0 ? "" : ",").append(
			name).append(w == 1f ? "" : ":" + w));
		return b.toString();
	}
}
