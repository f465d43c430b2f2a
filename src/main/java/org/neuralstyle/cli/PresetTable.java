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

import java.io.PrintStream;
import java.util.List;

import org.neuralstyle.optimize.preset.Preset;

/**
 * {@code optimize --preset list}: every preset with every setting, its value
 * and the line of the source it comes from.
 */
final class PresetTable {

	private PresetTable() {}

	static void print(List<Preset> presets, PrintStream out) {
		for (Preset p : presets) {
			out.printf("%s: %s (source: %s; for the %s command)%n", p.name(), p
				.system(), p.seed().matches("\\d{3}") ? "seed " + p.seed() : p.seed(), p
					.kind());
			int width = 0;
			for (Preset.Row r : p.rows())
				width = Math.max(width, r.setting().length() + r.value().length() + 3);
			for (Preset.Row r : p.rows()) {
				String setting = r.setting() + " = " + r.value();
				out.printf("  %-" + width + "s  # %s%n", setting, r.source());
			}
			out.println();
		}
		out.flush();
	}
}
