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

import org.neuralstyle.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Writes float32 tensors and string metadata as a safetensors file, readable by
 * {@link Checkpoints#open} and by Python's {@code safetensors} package. The
 * file appears atomically: a crash while saving a trained model leaves the
 * previous file, not a broken one.
 * 
 * <pre>
 * new SafetensorsWriter().add("conv1.weight", new long[] { 32, 3, 9, 9 }, data)
 * 	.metadata("style", "candy").write(path);
 * </pre>
 */
public final class SafetensorsWriter {

	private record Tensor(long[] shape, float[] data) {
	}

	private final Map<String, Tensor> tensors = new LinkedHashMap<>();
	private final Map<String, String> metadata = new LinkedHashMap<>();

	/**
	 * Adds a tensor; {@code data} is in row-major order and is not copied, so do
	 * not change it before writing.
	 */
	public SafetensorsWriter add(String name, long[] shape, float[] data) {
		long numel = 1;
		for (long d : shape) {
			if (d < 0) throw new IllegalArgumentException(
				"negative dimension in shape " + Arrays.toString(shape));
			numel *= d;
		}
		if (numel != data.length) throw new IllegalArgumentException(name +
			": shape " + Arrays.toString(shape) + " needs " + numel +
			" values, got " + data.length);
		if (name.equals("__metadata__") || tensors.containsKey(name))
			throw new IllegalArgumentException(
				"tensor name used twice or reserved: " + name);
		tensors.put(name, new Tensor(shape.clone(), data));
		return this;
	}

	public SafetensorsWriter metadata(String key, String value) {
		metadata.put(key, value);
		return this;
	}

	public SafetensorsWriter metadata(Map<String, String> entries) {
		metadata.putAll(entries);
		return this;
	}

	/**
	 * Writes the file, replacing any file of that name only once the new one is
	 * complete.
	 */
	public void write(Path file) throws IOException {
		JsonObject header = new JsonObject();
		if (!metadata.isEmpty()) {
			JsonObject meta = new JsonObject();
			metadata.forEach(meta::addProperty);
			header.add("__metadata__", meta);
		}
		long offset = 0;
		for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
			JsonObject entry = new JsonObject();
			entry.addProperty("dtype", DType.FLOAT32.safetensorsCode);
			JsonArray shape = new JsonArray();
			for (long d : e.getValue().shape)
				shape.add(d);
			entry.add("shape", shape);
			JsonArray range = new JsonArray();
			range.add(offset);
			offset += 4L * e.getValue().data.length;
			range.add(offset);
			entry.add("data_offsets", range);
			header.add(e.getKey(), entry);
		}
		byte[] json = new Gson().toJson(header).getBytes(StandardCharsets.UTF_8);
		// Padding the header to 8 bytes keeps the data aligned for readers that map
		// it as floats.
		int padded = (json.length + 7) / 8 * 8;
		ByteBuffer head = ByteBuffer.allocate(8 + padded).order(
			ByteOrder.LITTLE_ENDIAN);
		head.putLong(padded).put(json);
		while (head.hasRemaining())
			head.put((byte) ' ');

		AtomicFiles.write(file, temporary -> {
			try (FileChannel out = FileChannel.open(temporary,
				StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
			{
				writeFully(out, head.flip());
				ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(
					ByteOrder.LITTLE_ENDIAN);
				for (Tensor t : tensors.values()) {
					for (int i = 0; i < t.data.length;) {
						int n = Math.min(chunk.capacity() / 4, t.data.length - i);
						chunk.clear();
						chunk.asFloatBuffer().put(t.data, i, n);
						chunk.limit(4 * n);
						writeFully(out, chunk);
						i += n;
					}
				}
				out.force(true);
			}
		});
	}

	private static void writeFully(FileChannel out, ByteBuffer buffer)
		throws IOException
	{
		while (buffer.hasRemaining())
			out.write(buffer);
	}
}
