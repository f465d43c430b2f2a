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

import org.neuralstyle.optimize.preset.Preset;

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
		return Preset.format(field.get(settings));
	}
}
