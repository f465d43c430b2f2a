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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuralstyle.testing.ConsoleCapture;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.HostileFiles;
import org.neuralstyle.checkpoint.StateDict;

/**
 * Issue 12 §3 and §5 as a user meets them on the command line: hostile or
 * corrupt weight files end with exit 1 and one line that names the file (and
 * the tensor), never a stack trace, an OutOfMemoryError, a hang or exit 2
 * (which means a wrong option).
 */
class HostileWeightsFilesTest {

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@TempDir
	static Path dir;
	static Map<String, Path> files;

	@BeforeAll
	static void write() throws IOException {
		files = HostileFiles.all(dir);
	}

	static Stream<String> hostileFiles() throws IOException {
		return HostileFiles.all(Files.createTempDirectory("hostile-names")).keySet()
			.stream();
	}

	private String printed() {
		return console.out() + console.err();
	}

	@ParameterizedTest
	@MethodSource("hostileFiles")
	void weightsVerifyRefusesEachHostileFileWithExit1InOneLineWithin30Seconds(
		String name)
	{
		Path file = files.get(name);
		int rc = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Main.run(
			"weights", "verify", file.toString()));
		assertEquals(ExitCodes.ERROR, rc, printed());
		assertEquals(1, printed().lines().count(), printed());
		assertTrue(printed().contains("cannot be used: " + file), printed());
		assertFalse(printed().contains("Exception") || printed().contains("Error"),
			printed());
	}

	/**
	 * The tiny VGG of the command-line tests, as hand-written zip .pth with one
	 * tensor changed.
	 */
	private static Path tinyVggWith(String name, String tensor, long[] shape,
		float[] values) throws IOException
	{
		Map<String, long[]> shapes = new LinkedHashMap<>();
		Map<String, float[]> data = new LinkedHashMap<>();
		try (StateDict sd = Checkpoints.open(Path.of(CommandLineTest.TINY_VGG))) {
			for (String n : sd.names()) {
				shapes.put(n, sd.info(n).shape());
				data.put(n, sd.readFloats(n));
			}
		}
		shapes.put(tensor, shape);
		data.put(tensor, values);
		return HostileFiles.zipStateDict(dir.resolve(name), shapes, data);
	}

	private int optimize(Path weights) throws IOException {
		Path content = dir.resolve("content.png");
		if (!Files.exists(content)) ImageFiles.write(CommandLineTest.noise(24, 24,
			1), content);
		return Main.run("optimize", "--content", content.toString(), "--style",
			content.toString(), "--weights", weights.toString(), "--iterations", "2",
			"--output", dir.resolve("out-" + weights.getFileName() + ".png")
				.toString());
	}

	@Test
	void aVggBiasShorterThanItsLayerIsExit1NamingTheFileAndTheTensor()
		throws IOException
	{
		long outChannels;
		try (StateDict sd = Checkpoints.open(Path.of(CommandLineTest.TINY_VGG))) {
			outChannels = sd.info("features.0.bias").shape()[0];
		}
		Path file = tinyVggWith("short-bias.pth", "features.0.bias", new long[] {
			outChannels / 2 }, new float[(int) outChannels / 2]);
		// It was DJL's "The NDArray size is: 8, but buffer size is: 4" with exit 2,
		// the code for a wrong option.
		assertEquals(ExitCodes.ERROR, optimize(file), printed());
		assertTrue(printed().contains(file.toString()) && printed().contains(
			"features.0.bias"), printed());
		assertFalse(printed().contains("Exception"), printed());
	}

	@Test
	void nanWeightsInAVggCheckpointAreNamedAsTheCorruptTensor()
		throws IOException
	{
		long[] shape;
		float[] values;
		try (StateDict sd = Checkpoints.open(Path.of(CommandLineTest.TINY_VGG))) {
			shape = sd.info("features.2.weight").shape();
			values = sd.readFloats("features.2.weight");
		}
		values = Arrays.copyOf(values, values.length);
		values[values.length / 2] = Float.NaN;
		Path file = tinyVggWith("nan-weight.pth", "features.2.weight", shape,
			values);
		// It was "diverged, lower the style weight", which sends the user after the
		// wrong setting.
		assertEquals(ExitCodes.ERROR, optimize(file), printed());
		assertTrue(printed().contains(file.toString()) && printed().contains(
			"features.2.weight") && printed().contains("NaN"), printed());
		assertFalse(printed().contains("diverged"), printed());
	}
}
