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

package org.neuralstyle.cli;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults read from a settings object of the engine, so that the
 * command line, Fiji and the engine's API share one default per setting. An
 * option names its settings field in {@code descriptionKey};
 * {@code ${DEFAULT-VALUE}} in its description then shows the engine's value.
 */
class EngineDefaults implements IDefaultValueProvider {

	private final Object settings;

	EngineDefaults(Object settings) {
		this.settings = settings;
	}

	@Override
	public String defaultValue(ArgSpec arg) throws Exception {
		// Picocli's own options (help, version) have keys with dots; no setting has
		// one.
		if (!(arg instanceof OptionSpec option) || option.descriptionKey()
			.isEmpty() || option.descriptionKey().contains(".")) return null;
		Field field = settings.getClass().getField(option.descriptionKey());
		return format(field.get(settings));
	}

	/**
	 * A value as a user would type it: 1e6 rather than 1000000.0, layer weights
	 * only where not 1.
	 */
	static String format(Object value) {
		if (value instanceof Double || value instanceof Float) {
			String plain = new BigDecimal(value.toString()).stripTrailingZeros()
				.toString();
			return plain.toLowerCase(Locale.ROOT).replace("e+", "e");
		}
		if (value instanceof Enum<?> e) return e.toString().equals(e.name()) ? e
			.name().toLowerCase(Locale.ROOT) : e.toString();
		if (value instanceof Map<?, ?> layers) {
			StringJoiner joined = new StringJoiner(",");
			layers.forEach((name, weight) -> joined.add(((Number) weight)
				.floatValue() == 1f ? name.toString() : name + ":" + format(weight)));
			return joined.toString();
		}
		return String.valueOf(value);
	}
}
