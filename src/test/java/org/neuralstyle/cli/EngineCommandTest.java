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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neuralstyle.testing.ConsoleCapture;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine}, and the advice of {@code fast} without network, in the
 * command line's own terms.
 */
class EngineCommandTest {

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@TempDir
	Path dir;

	@BeforeEach
	void capture() {
		System.setProperty("neuralstyle.cache", dir.resolve("cache").toString());
	}

	@AfterEach
	void restore() {
		System.clearProperty("neuralstyle.offline");
		System.clearProperty("neuralstyle.cache");
	}

	@Test
	void engineShowsTheFactsAndSucceedsWithoutGpu() {
		assertEquals(ExitCodes.OK, Main.run("engine"));
		String o = console.out();
		for (String line : new String[] { "PyTorch:        2.7.1",
			"DJL:            0.36.0", "Build:          CPU only (cpu)",
			"Devices:        cpu",
			"GPU:            none. The CPU-only build of PyTorch is loaded",
			"Weights cache:  " + dir.resolve("cache").toAbsolutePath(),
			"vgg19:          missing: torchvision VGG19",
			"CUDA build:     not installed (PyTorch 2.7.1 for CUDA 12.8 (cu128, linux-x86_64) would go to ",
			"(For an NVIDIA GPU: 'neural-style engine install-gpu' installs the CUDA build.)" })
			assertTrue(o.contains(line), "'" + line + "' in:\n" + o);
		assertTrue(o.matches("(?s).*Native library: \\S+libtorch\\.so\n.*"), o);
		assertTrue(o.matches("(?s).*Threads: +\\d+ for PyTorch operations.*"), o);
		assertTrue(o.matches("(?s).*Memory: +[\\d,]+ MB of .*"), o);
	}

	@Test
	void installGpuWithoutNetworkSaysHowToInstallItByHand() {
		System.setProperty("neuralstyle.offline", "true");
		// DJL's cache, for this command only: it never starts PyTorch.
		System.setProperty("ENGINE_CACHE_DIR", dir.resolve("engines").toString());
		try {
			assertEquals(ExitCodes.ERROR, Main.run("engine", "install-gpu"));
		}
		finally {
			System.clearProperty("ENGINE_CACHE_DIR");
		}
		String e = console.err();
		String folder = dir.resolve("engines/pytorch/2.7.1-cu128-linux-x86_64")
			.toAbsolutePath().toString();
		assertTrue(e.contains(
			"Downloading PyTorch 2.7.1 for CUDA 12.8 (cu128, linux-x86_64) (several GB) " +
				"from https://publish.djl.ai/pytorch/2.7.1/ into " + folder), e);
		assertTrue(e.contains(
			"error: Cannot download PyTorch 2.7.1 for CUDA 12.8 (cu128, linux-x86_64): " +
				"offline mode is on (neuralstyle.offline=true). Nothing was installed. Without network access, run " +
				"'neural-style engine install-gpu' on a computer that has it (same system, same neural-style), then " +
				"copy the folder " + folder + " to the same place here.\n"), e);
		assertFalse(java.nio.file.Files.exists(dir.resolve("engines")),
			"nothing written");
	}

	@Test
	void fastWithoutNetworkNamesItsOwnOptionAndTheImport() throws Exception {
		System.setProperty("neuralstyle.offline", "true");
		Path input = dir.resolve("in.png");
		ImageFiles.write(CommandLineTest.noise(8, 8, 1), input);
		int rc = Main.run("fast", "--model", "candy", "--input", input.toString(),
			"--output", dir.resolve("out.png").toString());
		assertEquals(ExitCodes.ERROR, rc);
		String e = console.err();
		assertTrue(e.contains("--model FILE") && e.contains(
			"weights import FILE --as fast-models"), e);
		assertFalse(e.contains("--weights"), e);
	}
}
