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

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * A safetensors file: an 8-byte little-endian header length, a JSON header
 * mapping each tensor name to its dtype, shape and byte range in the data
 * section (plus optional string metadata under {@code __metadata__}), then the
 * data. Nothing in it is executable, and every range is checked against the
 * file size when opening.
 */
final class SafetensorsFile implements StateDict {

	/**
	 * Headers are a few KB; a larger claim is a sign of a file that is not
	 * safetensors.
	 */
	private static final long MAX_HEADER = 100L << 20;
	/**
	 * The format's values nest 3 deep; anything deeper is not a safetensors
	 * header.
	 */
	private static final int MAX_DEPTH = 16;
	/** PyTorch supports at most 64 dimensions. */
	private static final int MAX_RANK = 64;

	private record Entry(DType dtype, long[] shape, long begin, long end) {
	}

	private final Path file;
	private final FileChannel channel;
	private final long dataStart;
	private final Map<String, Entry> entries;
	private final Map<String, String> metadata;

	private SafetensorsFile(Path file, FileChannel channel, long dataStart,
		Map<String, Entry> entries, Map<String, String> metadata)
	{
		this.file = file;
		this.channel = channel;
		this.dataStart = dataStart;
		this.entries = entries;
		this.metadata = metadata;
	}

	static SafetensorsFile open(Path file) throws IOException {
		return Checkpoints.readOrClose(file, FileChannel.open(file),
			SafetensorsFile::read);
	}

	private static SafetensorsFile read(Path file, FileChannel channel)
		throws IOException
	{
		long size = channel.size();
		long headerLength = size < 8 ? -1 : readFully(file, channel, 0, 8).order(
			ByteOrder.LITTLE_ENDIAN).getLong();
		if (headerLength < 2 || headerLength > Math.min(MAX_HEADER, size - 8))
			throw Checkpoints.damaged(file,
				"its safetensors header is cut off or invalid", null);
		long dataStart = 8 + headerLength;
		long dataSize = size - dataStart;
		String text = StandardCharsets.UTF_8.decode(readFully(file, channel, 8,
			(int) headerLength)).toString();

		Map<String, Entry> entries = new LinkedHashMap<>();
		Map<String, String> metadata = new LinkedHashMap<>();
		// Read as a stream, not as a tree: Gson's tree parser recurses once per
		// nesting level, so a header of 100000 nested arrays overflows the stack.
		// The structure is known and shallow.
		try (JsonReader json = new JsonReader(new StringReader(text))) {
			json.beginObject();
			while (json.hasNext()) {
				String name = json.nextName();
				if (entries.containsKey(name) || name.equals("__metadata__") &&
					!metadata.isEmpty()) throw Checkpoints.damaged(file,
						"its safetensors header names " + name + " twice", null);
				if (name.equals("__metadata__")) readMetadata(file, json, metadata);
				else entries.put(name, readEntry(file, json, name, dataSize));
			}
			json.endObject();
			if (json.peek() != JsonToken.END_DOCUMENT)
				throw new MalformedJsonException("text after the header");
		}
		catch (IOException | IllegalStateException | NumberFormatException e) {
			if (e instanceof CheckpointException c) throw c;
			throw Checkpoints.damaged(file,
				"its safetensors header is not valid JSON of tensors", e);
		}
		// The header's key order is not meaningful (writers sort by name); the data
		// order is.
		Map<String, Entry> byOffset = entries.entrySet().stream().sorted(Comparator
			.comparingLong(e -> e.getValue().begin)).collect(Collectors.toMap(
				Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
				LinkedHashMap::new));
		return new SafetensorsFile(file, channel, dataStart, byOffset, Collections
			.unmodifiableMap(metadata));
	}

	private static void readMetadata(Path file, JsonReader json,
		Map<String, String> metadata) throws IOException
	{
		json.beginObject();
		while (json.hasNext()) {
			String key = json.nextName();
			if (json.peek() != JsonToken.STRING && json.peek() != JsonToken.NUMBER)
				throw Checkpoints.damaged(file, "its safetensors metadata " + key +
					" is not a string", null);
			metadata.put(key, json.nextString());
		}
		json.endObject();
	}

	/**
	 * One tensor's dtype, shape and byte range, checked against the data
	 * section's size.
	 */
	private static Entry readEntry(Path file, JsonReader json, String name,
		long dataSize) throws IOException
	{
		String dtypeCode = null;
		long[] shape = null, range = null;
		json.beginObject();
		while (json.hasNext()) {
			switch (json.nextName()) {
				case "dtype" -> dtypeCode = json.nextString();
				case "shape" -> shape = readLongs(json, MAX_RANK);
				case "data_offsets" -> range = readLongs(json, 2);
				default -> skipShallow(file, json);
			}
		}
		json.endObject();
		if (dtypeCode == null || shape == null || range == null ||
			range.length != 2) throw Checkpoints.damaged(file, "tensor " + name +
				" lacks its dtype, shape or data_offsets", null);
		DType dtype = DType.ofSafetensors(dtypeCode);
		if (dtype == null) throw new CheckpointException(file + ": tensor " + name +
			" has unsupported type " + dtypeCode + ".");
		long bytes;
		try {
			long numel = 1;
			for (long d : shape) {
				if (d < 0) throw Checkpoints.damaged(file, "tensor " + name +
					" has a negative size", null);
				numel = Math.multiplyExact(numel, d);
			}
			bytes = Math.multiplyExact(numel, dtype.size);
		}
		catch (ArithmeticException e) {
			// [2^62, 3, 3, 3] float32 is 2^64 * 27 bytes: it wraps to 0 and would
			// match an empty range.
			throw Checkpoints.damaged(file, "tensor " + name +
				" has a shape whose size does not fit in 64 bits", e);
		}
		Entry entry = new Entry(dtype, shape, range[0], range[1]);
		if (entry.begin < 0 || entry.end < entry.begin || entry.end > dataSize ||
			entry.end - entry.begin != bytes) throw Checkpoints.damaged(file,
				"tensor " + name + " lies outside the file", null);
		return entry;
	}

	private static long[] readLongs(JsonReader json, int max) throws IOException {
		List<Long> values = new ArrayList<>();
		json.beginArray();
		while (json.hasNext()) {
			if (values.size() == max) throw new MalformedJsonException("more than " +
				max + " numbers");
			values.add(json.nextLong());
		}
		json.endArray();
		return values.stream().mapToLong(Long::longValue).toArray();
	}

	/**
	 * Skips a value the format does not define, refusing nesting deeper than
	 * {@link #MAX_DEPTH} (Gson's own skipValue has no limit and grows its stack
	 * with the nesting).
	 */
	private static void skipShallow(Path file, JsonReader json)
		throws IOException
	{
		int depth = 0;
		do {
			switch (json.peek()) {
				case BEGIN_ARRAY -> {
					if (++depth > MAX_DEPTH) throw deep(file);
					json.beginArray();
				}
				case BEGIN_OBJECT -> {
					if (++depth > MAX_DEPTH) throw deep(file);
					json.beginObject();
				}
				case END_ARRAY -> {
					depth--;
					json.endArray();
				}
				case END_OBJECT -> {
					depth--;
					json.endObject();
				}
				case NAME -> json.nextName();
				default -> json.skipValue();
			}
		}
		while (depth > 0);
	}

	private static CheckpointException deep(Path file) {
		return Checkpoints.damaged(file,
			"its safetensors header nests deeper than " + MAX_DEPTH + " levels",
			null);
	}

	private static ByteBuffer readFully(Path file, FileChannel channel,
		long position, int length) throws IOException
	{
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining())
			if (channel.read(buffer, position + buffer.position()) < 0)
				throw Checkpoints.damaged(file, "it ends before its data", null);
		return buffer.flip();
	}

	/**
	 * The header's {@code __metadata__}: free-form strings such as a fast model's
	 * training settings.
	 */
	@Override
	public Map<String, String> metadata() {
		return metadata;
	}

	@Override
	public String source() {
		return file.toString();
	}

	@Override
	public Set<String> names() {
		return Collections.unmodifiableSet(entries.keySet());
	}

	@Override
	public TensorInfo info(String name) throws CheckpointException {
		Entry e = entry(name);
		return new TensorInfo(name, e.dtype.pytorchName, e.shape.clone());
	}

	@Override
	public float[] readFloats(String name) throws IOException {
		Entry e = entry(name);
		long bytes = e.end - e.begin;
		if (bytes > Integer.MAX_VALUE - 8) throw new CheckpointException(name +
			" in " + file + " is too large to read into one Java array.");
		ByteBuffer data = readFully(file, channel, dataStart + e.begin, (int) bytes)
			.order(ByteOrder.LITTLE_ENDIAN);
		StoredTensor layout = new StoredTensor(name, e.dtype, 0, e.shape,
			rowMajorStrides(e.shape));
		return layout.gather(data);
	}

	private static long[] rowMajorStrides(long[] shape) {
		long[] stride = new long[shape.length];
		long s = 1;
		for (int i = shape.length - 1; i >= 0; i--) {
			stride[i] = s;
			s *= shape[i];
		}
		return stride;
	}

	private Entry entry(String name) throws CheckpointException {
		Entry e = entries.get(name);
		if (e == null) throw new CheckpointException(file +
			" has no tensor named " + name + ".");
		return e;
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}
}
