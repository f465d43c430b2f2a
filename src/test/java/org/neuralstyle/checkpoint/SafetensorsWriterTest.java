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

package org.neuralstyle.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

	@TempDir
	Path tmp;

	@Test
	void writtenTensorsAndMetadataReadBack() throws IOException {
		float[] weight = new float[2 * 3 * 5];
		for (int i = 0; i < weight.length; i++)
			weight[i] = (float) Math.sin(i) * 1e-3f;
		float[] bias = { 1f, -0f, Float.MIN_VALUE };
		Path file = tmp.resolve("models").resolve("candy.safetensors");
		new SafetensorsWriter().add("conv1.weight", new long[] { 2, 3, 5 }, weight)
			.add("conv1.bias", new long[] { 3 }, bias).add("scale", new long[] {},
				new float[] { 0.5f }).metadata(Map.of("style", "candy", "style-weight",
					"1e10")).write(file);

		try (StateDict sd = Checkpoints.open(file)) {
			assertEquals(List.of("conv1.weight", "conv1.bias", "scale"), List.copyOf(
				sd.names()));
			assertEquals(new TensorInfo("conv1.weight", "float32", new long[] { 2, 3,
				5 }), sd.info("conv1.weight"));
			assertArrayEquals(weight, sd.readFloats("conv1.weight"));
			assertArrayEquals(bias, sd.readFloats("conv1.bias"));
			assertArrayEquals(new float[] { 0.5f }, sd.readFloats("scale"));
			assertEquals(Map.of("style", "candy", "style-weight", "1e10"), sd
				.metadata());
		}
		// The data section starts 8-byte aligned.
		long headerLength = java.nio.ByteBuffer.wrap(Files.readAllBytes(file), 0, 8)
			.order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
		assertEquals(0, headerLength % 8);
	}

	@Test
	void rewritingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
		Path file = tmp.resolve("model.safetensors");
		new SafetensorsWriter().add("w", new long[] { 1 }, new float[] { 1f })
			.write(file);
		new SafetensorsWriter().add("w", new long[] { 2 }, new float[] { 2f, 3f })
			.write(file);
		try (StateDict sd = Checkpoints.open(file)) {
			assertArrayEquals(new float[] { 2f, 3f }, sd.readFloats("w"));
		}
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(List.of(file), files.toList());
		}
	}

	@Test
	void shapeMustMatchData() {
		SafetensorsWriter writer = new SafetensorsWriter();
		assertThrows(IllegalArgumentException.class, () -> writer.add("w",
			new long[] { 2, 2 }, new float[3]));
		writer.add("w", new long[] { 1 }, new float[1]);
		assertThrows(IllegalArgumentException.class, () -> writer.add("w",
			new long[] { 1 }, new float[1]));
	}
}
