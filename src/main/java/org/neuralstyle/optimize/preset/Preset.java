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

package org.neuralstyle.optimize.preset;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

import org.neuralstyle.fast.train.FastTrainingSettings;
import org.neuralstyle.optimize.StyleTransferSettings;

/**
 * One source system's settings, selected by one word: the network, and every
 * setting of a run (layers and their weights, loss forms, optimizer and its
 * schedule, preprocessing, start image, clamping, iterations, snapshots,
 * postprocessing), each with the line of the source it comes from.
 * <p>
 * A preset is a starting point: options a user gives explicitly replace its
 * values. {@link #settings()} gives a fresh copy each time.
 *
 * @param name the word that selects it
 * @param system what it reproduces, in a few words
 * @param seed the source design it comes from (a file of the project's seeds,
 *          e.g. "000"), or the published source when there is no seed
 * @param network the loss network's registry id (vgg19, vgg16, ...)
 * @param kind which run it configures
 * @param factory makes its settings: a {@link StyleTransferSettings} for an
 *          optimization, a {@link FastTrainingSettings} for training
 * @param sources setting (field) name → where its value comes from; a setting
 *          without an entry keeps the engine's default
 */
public record Preset(String name, String system, String seed, String network,
		Kind kind, Supplier<?> factory, Map<String, String> sources) {

	/** The run a preset configures. */
	public enum Kind {

			/** An optimization (Gatys et al. and its variants). */
			OPTIMIZE,
			/** Training a fast feed-forward model (Johnson et al.). */
			TRAIN;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** Where a setting comes from when the preset keeps the engine's default. */
	public static final String ENGINE_DEFAULT = "the engine's default";

	/** The settings of an optimization preset: a fresh copy. */
	public StyleTransferSettings settings() {
		if (kind != Kind.OPTIMIZE) throw new IllegalArgumentException("Preset '" +
			name + "' configures " + kind + ", not an optimization.");
		return (StyleTransferSettings) factory.get();
	}

	/** The settings of a training preset: a fresh copy. */
	public FastTrainingSettings trainingSettings() {
		if (kind != Kind.TRAIN) throw new IllegalArgumentException("Preset '" +
			name + "' configures " + kind + ", not training.");
		return (FastTrainingSettings) factory.get();
	}

	/**
	 * One setting of a preset: its name, value as a user would write it, source.
	 */
	public record Row(String setting, String value, String source) {
	}

	/**
	 * Every setting, in declaration order: the network first, then each public
	 * field of the settings.
	 */
	public List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		rows.add(new Row("network", network, sources.getOrDefault("network",
			ENGINE_DEFAULT)));
		Object settings = factory.get();
		for (Field f : settings.getClass().getFields()) {
			if (Modifier.isStatic(f.getModifiers())) continue;
			Object value;
			try {
				value = f.get(settings);
			}
			catch (IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
			if (value == null) continue;
			rows.add(new Row(f.getName(), format(value), sources.getOrDefault(f
				.getName(), ENGINE_DEFAULT)));
		}
		return rows;
	}

	/**
	 * A value as a user would type it: 1e6 rather than 1000000.0, enums in lower
	 * case, layer weights only where not 1.
	 */
	public static String format(Object value) {
		if (value instanceof Double || value instanceof Float) {
			double d = ((Number) value).doubleValue();
			if (Double.isNaN(d)) return "default";
			String plain = new BigDecimal(value.toString()).stripTrailingZeros()
				.toString();
			return plain.toLowerCase(Locale.ROOT).replace("e+", "e");
		}
		if (value instanceof Enum<?> e) return e.toString().equals(e.name()) ? e
			.name().toLowerCase(Locale.ROOT) : e.toString();
		if (value instanceof Map<?, ?> layers) {
			StringJoiner joined = new StringJoiner(",");
			layers.forEach((layer, weight) -> joined.add(((Number) weight)
				.floatValue() == 1f ? layer.toString() : layer + ":" + format(weight)));
			return joined.toString();
		}
		return String.valueOf(value);
	}
}
