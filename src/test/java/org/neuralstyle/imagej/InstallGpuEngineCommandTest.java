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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.imagej.ij1.SciJavaContext;
import org.neuralstyle.weights.Downloader;
import org.scijava.MenuEntry;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Plugins > Style Transfer > Install GPU engine, in a SciJava context: without
 * network it ends in one message that says how to install the build by hand.
 * The download itself is tested against a local server in
 * CudaBuildInstallerTest.
 */
class InstallGpuEngineCommandTest {

	@TempDir
	Path dir;

	@AfterEach
	void restore() {
		System.clearProperty(Downloader.OFFLINE_PROPERTY);
		System.clearProperty("ENGINE_CACHE_DIR");
	}

	@Test
	void withoutNetworkItSaysWhatToDoInFijisTerms() throws Exception {
		CommandService commands = SciJavaContext.get().service(
			CommandService.class);
		assertEquals("Plugins>Style Transfer>Install GPU engine", commands
			.getCommand(InstallGpuEngineCommand.class).getMenuPath().stream().map(
				MenuEntry::getName).collect(Collectors.joining(">")));
		System.setProperty(Downloader.OFFLINE_PROPERTY, "true");
		// DJL's cache, for this command only: it never starts PyTorch.
		System.setProperty("ENGINE_CACHE_DIR", dir.toString());
		CommandModule module = commands.run(InstallGpuEngineCommand.class, false)
			.get();
		assertTrue(module.isCanceled());
		String folder = dir.resolve("pytorch/2.7.1-cu128-linux-x86_64")
			.toAbsolutePath().toString();
		String reason = module.getCancelReason();
		assertTrue(reason.contains(
			"offline mode is on (neuralstyle.offline=true). Nothing was installed.") &&
			reason.contains(
				"run Plugins > Style Transfer > Install GPU engine on a computer that has it") &&
			reason.contains(folder), reason);
		assertTrue(!reason.contains("--"), reason);
		try (var files = Files.list(dir)) {
			assertEquals(0, files.count(), "nothing written");
		}
	}
}
