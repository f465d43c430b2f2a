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

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The checkpoints src/test/python/make_weight_fixtures.py wrote with PyTorch,
 * and what they hold.
 */
public final class Fixtures {

	/** What a fixture tensor is, as PyTorch reported it when saving. */
	record Expected(String dtype, long[] shape, float[] values) {
	}

	/** The file the malicious fixtures would create if their payload ever ran. */
	static final Path PWNED_MARKER = Path.of(
		"/tmp/neuralstyle-weights-pwned-marker");

	private Fixtures() {}

	public static Path file(String name) {
		try {
			return Path.of(Fixtures.class.getResource("/fixtures/weights/" + name)
				.toURI());
		}
		catch (URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing fixture " + name, e);
		}
	}

	/** The tiny VGG state dict's tensors, in the order PyTorch saved them. */
	public static Map<String, Expected> tinyVgg() throws IOException {
		Map<String, Expected> out = new LinkedHashMap<>();
		try (Reader in = Files.newBufferedReader(file("tiny_vgg_expected.json"))) {
			JsonObject tensors = JsonParser.parseReader(in).getAsJsonObject()
				.getAsJsonObject("tensors");
			for (Map.Entry<String, JsonElement> e : tensors.entrySet()) {
				JsonObject t = e.getValue().getAsJsonObject();
				JsonArray shape = t.getAsJsonArray("shape");
				JsonArray values = t.getAsJsonArray("values");
				long[] dims = new long[shape.size()];
				for (int i = 0; i < dims.length; i++)
					dims[i] = shape.get(i).getAsLong();
				float[] v = new float[values.size()];
				// Python wrote each element exactly as a double; Java narrows it the
				// way the readers do.
				for (int i = 0; i < v.length; i++)
					v[i] = (float) values.get(i).getAsDouble();
				out.put(e.getKey(), new Expected(t.get("dtype").getAsString(), dims,
					v));
			}
		}
		return out;
	}

	/**
	 * Every prefix of {@code source} at the given lengths, written into
	 * {@code folder}, is refused when opened with the one "damaged file" message,
	 * which names the file.
	 */
	static void assertCutsRefused(Path source, Iterable<Integer> cuts,
		Path folder) throws IOException
	{
		byte[] whole = Files.readAllBytes(source);
		for (int cut : cuts) {
			Path file = Files.write(folder.resolve("cut-" + cut + "-" + source
				.getFileName()), Arrays.copyOf(whole, cut));
			CheckpointException e = assertThrows(CheckpointException.class,
				() -> Checkpoints.open(file).close(), "cut at " + cut);
			assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
			assertTrue(e.getMessage().contains("Re-download it or pass another file"),
				cut + ": " + e.getMessage());
		}
	}
}
