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

import java.util.List;
import java.util.concurrent.Callable;

import org.neuralstyle.net.EngineReport;

import picocli.CommandLine.Command;

/**
 * {@code engine}: which PyTorch, which native library, which devices, and where
 * the weights are.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
	description = "Show the PyTorch and DJL versions, the native library loaded, the devices PyTorch sees (and why no GPU), " +
		"threads, free memory, the weights cache and the weights in it.")
final class EngineCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		EngineReport report = EngineReport.gather();
		List<EngineReport.Fact> facts = report.facts();
		int width = facts.stream().mapToInt(f -> f.label().length()).max().orElse(
			0);
		for (EngineReport.Fact f : facts)
			System.out.printf("%-" + (width + 1) + "s %s%n", f.label() + ":", f
				.value());
		// A diagnosis that ran is a success even without a GPU; an engine that
		// cannot start is not.
		return report.started() ? ExitCodes.OK : ExitCodes.ERROR;
	}
}
