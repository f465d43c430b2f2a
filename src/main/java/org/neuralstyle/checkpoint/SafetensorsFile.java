package org.neuralstyle.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A safetensors file: an 8-byte little-endian header length, a JSON header mapping each tensor
 * name to its dtype, shape and byte range in the data section (plus optional string metadata
 * under {@code __metadata__}), then the data. Nothing in it is executable, and every range is
 * checked against the file size when opening.
 */
final class SafetensorsFile implements StateDict {

	/** Headers are a few KB; a larger claim is a sign of a file that is not safetensors. */
	private static final long MAX_HEADER = 100L << 20;

	private record Entry(DType dtype, long[] shape, long begin, long end) {
	}

	private final Path file;
	private final FileChannel channel;
	private final long dataStart;
	private final Map<String, Entry> entries;
	private final Map<String, String> metadata;

	private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, Entry> entries,
		Map<String, String> metadata)
	{
		this.file = file;
		this.channel = channel;
		this.dataStart = dataStart;
		this.entries = entries;
		this.metadata = metadata;
	}

	static SafetensorsFile open(Path file) throws IOException {
		FileChannel channel = FileChannel.open(file);
		try {
			return read(file, channel);
		} catch (IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	private static SafetensorsFile read(Path file, FileChannel channel) throws IOException {
		long size = channel.size();
		long headerLength = size < 8 ? -1 : readFully(file, channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
		if (headerLength < 2 || headerLength > Math.min(MAX_HEADER, size - 8))
			throw Checkpoints.damaged(file, "its safetensors header is cut off or invalid", null);
		long dataStart = 8 + headerLength;
		long dataSize = size - dataStart;
		String text = StandardCharsets.UTF_8.decode(readFully(file, channel, 8, (int) headerLength)).toString();

		Map<String, Entry> entries = new LinkedHashMap<>();
		Map<String, String> metadata = new LinkedHashMap<>();
		try {
			JsonObject header = JsonParser.parseString(text).getAsJsonObject();
			for (Map.Entry<String, JsonElement> e : header.entrySet()) {
				JsonObject value = e.getValue().getAsJsonObject();
				if (e.getKey().equals("__metadata__")) {
					value.entrySet().forEach(m -> metadata.put(m.getKey(), m.getValue().getAsString()));
					continue;
				}
				DType dtype = DType.ofSafetensors(value.get("dtype").getAsString());
				if (dtype == null)
					throw new CheckpointException(file + ": tensor " + e.getKey() + " has unsupported type " +
						value.get("dtype").getAsString() + ".");
				JsonArray dims = value.getAsJsonArray("shape");
				long[] shape = new long[dims.size()];
				long numel = 1;
				for (int i = 0; i < shape.length; i++) {
					shape[i] = dims.get(i).getAsLong();
					if (shape[i] < 0) throw Checkpoints.damaged(file, "tensor " + e.getKey() + " has a negative size", null);
					numel *= shape[i];
				}
				JsonArray range = value.getAsJsonArray("data_offsets");
				Entry entry = new Entry(dtype, shape, range.get(0).getAsLong(), range.get(1).getAsLong());
				if (entry.begin < 0 || entry.end > dataSize || entry.end - entry.begin != numel * dtype.size)
					throw Checkpoints.damaged(file, "tensor " + e.getKey() + " lies outside the file", null);
				entries.put(e.getKey(), entry);
			}
		} catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException |
			IndexOutOfBoundsException | NumberFormatException e)
		{
			throw Checkpoints.damaged(file, "its safetensors header is not valid JSON of tensors", e);
		}
		// The header's key order is not meaningful (writers sort by name); the data order is.
		Map<String, Entry> byOffset = entries.entrySet().stream()
			.sorted(Comparator.comparingLong(e -> e.getValue().begin))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
		return new SafetensorsFile(file, channel, dataStart, byOffset, Collections.unmodifiableMap(metadata));
	}

	private static ByteBuffer readFully(Path file, FileChannel channel, long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining())
			if (channel.read(buffer, position + buffer.position()) < 0)
				throw Checkpoints.damaged(file, "it ends before its data", null);
		return buffer.flip();
	}

	/** The header's {@code __metadata__}: free-form strings such as a fast model's training settings. */
	@Override
	public Map<String, String> metadata() {
		return metadata;
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
		if (bytes > Integer.MAX_VALUE - 8)
			throw new CheckpointException(name + " in " + file + " is too large to read into one Java array.");
		ByteBuffer data = readFully(file, channel, dataStart + e.begin, (int) bytes).order(ByteOrder.LITTLE_ENDIAN);
		StoredTensor layout = new StoredTensor(name, e.dtype, 0, e.shape, rowMajorStrides(e.shape));
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
		if (e == null) throw new CheckpointException(file + " has no tensor named " + name + ".");
		return e;
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}
}
