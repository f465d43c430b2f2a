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

package org.neuralstyle.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model Java writes is one PyTorch loads: make_java_safetensors_fixture.py
 * read the file that {@code TransformerWeights.pytorchDefault(7).write} writes
 * into pytorch/examples' TransformerNet with
 * {@code load_state_dict(strict=True)} and stylized a fixed input with it. Java
 * must still write those very bytes, and its own network must give PyTorch's
 * output from them.
 */
class JavaWrittenModelTest {

	@TempDir
	Path dir;

	@Test
	void theModelJavaWritesIsTheOnePyTorchLoadedAndItStylizesAlike()
		throws Exception
	{
		Path model = dir.resolve("model.safetensors");
		TransformerWeights.pytorchDefault(7).write(model);
		JsonObject loaded = JsonParser.parseString(Files.readString(FastFixtures
			.file("java_written/model.json"))).getAsJsonObject();
		String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
			.digest(Files.readAllBytes(model)));
		assertEquals(loaded.get("sha256").getAsString(), sha,
			"the bytes PyTorch loaded");

		float[] expected = FastFixtures.floats("java_written/output_20x24.f32");
		try (TransformerNet net = TransformerNet.load(model, Device.cpu());
				NDManager manager = NDManager.newBaseManager())
		{
			NDArray input = manager.create(FastFixtures.floats(
				"java_written/input_20x24.f32"), new Shape(1, 3, 20, 24));
			float[] actual = net.forward(input).toFloatArray();
			assertEquals(expected.length, actual.length);
			double largest = 0, worst = 0;
			for (int i = 0; i < expected.length; i++) {
				largest = Math.max(largest, Math.abs(expected[i]));
				worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
			}
			// float32 sums in another order than PyTorch's, as in TransformerNetTest.
			assertTrue(worst <= 1e-4 * largest, "largest difference " + worst +
				" for outputs up to " + largest);
		}
	}
}
