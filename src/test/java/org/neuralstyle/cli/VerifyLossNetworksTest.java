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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.HostileFiles;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.net.LossNetworks;
import org.neuralstyle.net.SyntheticVgg;
import org.neuralstyle.testing.MapStateDict;

/**
 * {@code weights verify} on SqueezeNet checkpoints and Keras VGG weights: it
 * says which network a file holds, and refuses a damaged one in one line.
 */
class VerifyLossNetworksTest {

	static final Path SQUEEZENET = Path.of(
		"src/test/resources/fixtures/squeezenet/tiny_squeezenet.pth");
	static final Path KERAS = Path.of("src/test/resources/fixtures/keras");

	@TempDir
	Path tmp;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private PrintStream oldOut, oldErr;

	@BeforeEach
	void capture() {
		oldOut = System.out;
		oldErr = System.err;
		PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
		System.setOut(both);
		System.setErr(both);
	}

	@AfterEach
	void restore() {
		System.setOut(oldOut);
		System.setErr(oldErr);
	}

	private String printed() {
		return out.toString(StandardCharsets.UTF_8);
	}

	private int verify(Path file) {
		out.reset();
		return Main.run("weights", "verify", file.toString());
	}

	@Test
	void recognisesASqueezeNet11Checkpoint() {
		assertEquals(ExitCodes.OK, verify(SQUEEZENET), printed());
		assertEquals(1, printed().lines().count(), printed());
		assertTrue(printed().contains("It holds a torchvision SqueezeNet 1.1"),
			printed());
		assertTrue(printed().contains("conv1 … fire9"), printed());
	}

	@Test
	void recognisesKerasVgg16WeightsByTheirLayers() throws IOException {
		Path file = KERAS.resolve("vgg16_shapes_zeros.h5");
		assertEquals(ExitCodes.OK, verify(file), printed());
		assertEquals(1, printed().lines().count(), printed());
		assertTrue(printed().contains(
			"opens as a Keras (HDF5) checkpoint with 26 " +
				"tensors. It holds Keras' VGG16 weights"), printed());
		// Its chunked, deflated datasets read too.
		try (StateDict sd = Checkpoints.open(file)) {
			assertArrayEquals(new long[] { 512, 512, 3, 3 }, sd.info(
				"features.28.weight").shape());
			assertArrayEquals(new float[512 * 512 * 9], sd.readFloats(
				"features.28.weight"));
		}
		assertEquals(ExitCodes.OK, verify(KERAS.resolve("tiny_keras_vgg.h5")));
		assertTrue(printed().contains(
			"Keras weights of a VGG-pattern network of 7 convolutions"), printed());
	}

	@Test
	void namesTheRealShapesOfSqueezeNet11AndVgg16() throws IOException {
		assertEquals(Optional.of("a torchvision VGG16"), LossNetworks.describe(
			new SyntheticVgg(SyntheticVgg.VGG16, 1)));
		// torchvision's squeezenet1_1: conv1 64, then fire modules
		// (squeeze, expand) 16/64, 16/64, 32/128, 32/128, 48/192, 48/192, 64/256,
		// 64/256.
		MapStateDict sd = new MapStateDict();
		sd.put("features.0.weight", new float[64 * 27], 64, 3, 3, 3);
		int in = 64, index = 3;
		for (int[] f : new int[][] { { 16, 64 }, { 16, 64 }, { 32, 128 }, { 32,
			128 }, { 48, 192 }, { 48, 192 }, { 64, 256 }, { 64, 256 } })
		{
			String p = "features." + index + ".";
			sd.put(p + "squeeze.weight", new float[0], f[0], in, 1, 1);
			sd.put(p + "expand1x1.weight", new float[0], f[1], f[0], 1, 1);
			sd.put(p + "expand3x3.weight", new float[0], f[1], f[0], 3, 3);
			in = 2 * f[1];
			index += index == 4 || index == 7 ? 2 : 1;
		}
		assertEquals(Optional.of(
			"a torchvision SqueezeNet 1.1 (13 modules of features, conv1 … fire9)"),
			LossNetworks.describe(sd));
	}

	@Test
	void refusesDamagedFilesInOneLine() throws IOException {
		byte[] squeeze = Files.readAllBytes(SQUEEZENET);
		Path cut = Files.write(tmp.resolve("squeezenet-cut.pth"), Arrays.copyOf(
			squeeze, squeeze.length - 1000));
		byte[] h5 = Files.readAllBytes(KERAS.resolve("tiny_keras_vgg.h5"));
		Path cutH5 = Files.write(tmp.resolve("keras-cut.h5"), Arrays.copyOf(h5,
			h5.length / 2));
		Path noFire = withoutTensor("features.6.expand3x3.weight");
		for (Path file : new Path[] { cut, cutH5, noFire }) {
			assertEquals(ExitCodes.ERROR, verify(file), printed());
			assertEquals(1, printed().lines().count(), printed());
			assertTrue(printed().contains("cannot be used: " + file) || printed()
				.contains("cannot be used: This checkpoint is not a torchvision " +
					"SqueezeNet"), printed());
			assertFalse(printed().contains("Exception"), printed());
		}
		assertTrue(printed().contains("it lacks features.6.expand3x3.weight"),
			printed());
	}

	/** The tiny SqueezeNet as a zip .pth without one tensor. */
	private Path withoutTensor(String missing) throws IOException {
		Map<String, long[]> shapes = new LinkedHashMap<>();
		Map<String, float[]> values = new LinkedHashMap<>();
		try (StateDict sd = Checkpoints.open(SQUEEZENET)) {
			for (String n : sd.names()) {
				if (n.equals(missing)) continue;
				shapes.put(n, sd.info(n).shape());
				values.put(n, sd.readFloats(n));
			}
		}
		return HostileFiles.zipStateDict(tmp.resolve("no-fire.pth"), shapes,
			values);
	}
}
