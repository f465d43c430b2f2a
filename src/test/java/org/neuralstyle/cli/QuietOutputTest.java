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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.optim.AdamRestoreProbe;

/**
 * What a user sees on the terminal, read from real JVMs: what SLF4J and
 * PyTorch's native code print goes to the process's stderr, past any capture of
 * System.err in this one. No SLF4J complaint, no PyTorch deprecation warning;
 * DJL's own messages only when asked for.
 */
class QuietOutputTest {

	private static final String TINY_VGG =
		"src/test/resources/fixtures/parity/tiny_vgg.pth";
	private static final String FAST_MODEL =
		"src/test/resources/fixtures/fast/transformer_net_legacy.pth";

	@TempDir
	static Path dir;
	static Path content;
	static Path style;

	record Run(int exitCode, String output) {
	}

	@BeforeAll
	static void images() throws IOException {
		content = dir.resolve("content.png");
		style = dir.resolve("style.png");
		ImageFiles.write(CommandLineTest.noise(24, 20, 1), content);
		ImageFiles.write(CommandLineTest.noise(16, 16, 2), style);
	}

	/**
	 * Runs a main class in a new JVM with this one's class path; stdout and
	 * stderr together.
	 */
	static Run java(String mainClass, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty(
			"java.home"), "bin", "java").toString(), "-cp", System.getProperty(
				"java.class.path"), "-Dai.djl.offline=true",
			"-Dai.djl.pytorch.num_threads=1",
			"-Dai.djl.pytorch.num_interop_threads=1", "-Dneuralstyle.cache=" + dir
				.resolve("cache"), mainClass));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = p.getInputStream().readAllBytes();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
		return new Run(p.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private static void assertQuiet(String output) {
		assertFalse(output.contains("SLF4J"), output);
		assertFalse(output.contains("deprecated"), output);
	}

	@Test
	void optimizePrintsNeitherSlf4jNorPyTorchWarnings() throws Exception {
		Run r = java(Main.class.getName(), "optimize", "--content", content
			.toString(), "--style", style.toString(), "--weights", TINY_VGG,
			"--output", dir.resolve("o.png").toString(), "--iterations", "2",
			"--optimizer", "adam", "--content-layers", "conv1_1", "--style-layers",
			"conv1_1", "--progress", dir.resolve("p.tif").toString(),
			"--snapshot-every", "1");
		assertEquals(0, r.exitCode(), r.output());
		assertQuiet(r.output());
		assertTrue(r.output().contains("iter 2 content"), r.output());
	}

	@Test
	void fastPrintsNeitherSlf4jNorPyTorchWarningsAndVerboseShowsDjlsMessages()
		throws Exception
	{
		Run quiet = java(Main.class.getName(), "fast", "--model", FAST_MODEL,
			"--input", content.toString(), "--output", dir.resolve("f.png")
				.toString(), "--overwrite");
		assertEquals(0, quiet.exitCode(), quiet.output());
		assertQuiet(quiet.output());
		assertFalse(quiet.output().contains("intra-op threads"), quiet.output());

		Run verbose = java(Main.class.getName(), "fast", "--verbose", "--model",
			FAST_MODEL, "--input", content.toString(), "--output", dir.resolve(
				"f.png").toString(), "--overwrite");
		assertEquals(0, verbose.exitCode(), verbose.output());
		assertQuiet(verbose.output());
		// PtEngine says this at INFO when it starts; slf4j-simple prints it to
		// stderr.
		assertTrue(verbose.output().contains("Number of intra-op threads is 1"),
			verbose.output());
	}

	@Test
	void restoringAdamStateDoesNotTriggerPyTorchsDeprecationWarning()
		throws Exception
	{
		Run r = java(AdamRestoreProbe.class.getName());
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(r.output().contains("restored"), r.output());
		assertFalse(r.output().contains("AutoNonVariableTypeMode"), r.output());
	}
}
