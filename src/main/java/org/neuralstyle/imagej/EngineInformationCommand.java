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

import ij.IJ;

import org.neuralstyle.net.CudaBuildChoice;
import org.neuralstyle.net.EngineReport;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/**
 * Engine information: which PyTorch runs, from which native library, on which
 * devices (and why there is no GPU), with how many threads and how much memory,
 * and which weights are in the cache. It goes to the Log window, which a user
 * can copy into a question on the forum, and a macro read with
 * {@code getInfo("log")}; headless, the log is standard output.
 */
@Plugin(type = Command.class,
	menuPath = "Plugins>Style Transfer>Engine information", headless = true)
public class EngineInformationCommand extends StyleTransferCommand {

	static final String TITLE = "Engine information";

	private String report;

	@Override
	protected String title() {
		return TITLE;
	}

	@Override
	protected void execute() {
		EngineReport r = EngineReport.gather();
		StringBuilder text = new StringBuilder(
			"Neural Style: engine information\n");
		for (EngineReport.Fact f : r.facts())
			text.append("  ").append(f.label()).append(": ").append(f.value()).append(
				'\n');
		if (CudaBuildChoice.atStart()
			.outcome() == CudaBuildChoice.Outcome.NOT_INSTALLED && r.gpus() == 0) text
				.append(
					"  (For an NVIDIA GPU: Plugins > Style Transfer > Install GPU engine installs the CUDA build.)\n");
		report = text.toString();
		IJ.log(report.stripTrailing());
	}

	/** The text logged, for tests; null before a run. */
	String report() {
		return report;
	}
}
