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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn;
import org.neuralstyle.imagej.ij1.SciJavaContext;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.MenuEntry;

/**
 * Plugins > Style Transfer > Engine information, in a SciJava context and
 * through the ImageJ 1.x bridge.
 */
class EngineInformationCommandTest {

	@Test
	void logsTheEngineFactsUnderItsMenuEntry() throws Exception {
		CommandService commands = SciJavaContext.get().service(
			CommandService.class);
		assertEquals("Plugins>Style Transfer>Engine information", commands
			.getCommand(EngineInformationCommand.class).getMenuPath().stream().map(
				MenuEntry::getName).collect(Collectors.joining(">")));
		CommandModule module = commands.run(EngineInformationCommand.class, false)
			.get();
		assertTrue(!module.isCanceled(), module.getCancelReason());
		String report = ((EngineInformationCommand) module.getCommand()).report();
		for (String fact : List.of("PyTorch: 2.7.1", "DJL: 0.36.0",
			"Native library: ", "Devices: cpu",
			"GPU: none. The CPU-only build of PyTorch is loaded", "Threads: ",
			"Memory: ", "Weights cache: ", "vgg19: "))
			assertTrue(report.contains("  " + fact), "'" + fact + "' in:\n" + report);
		assertEquals(List.of(), SciJavaCommandPlugIn.run(
			EngineInformationCommand.class, Map.of()), "no image output");
	}
}
