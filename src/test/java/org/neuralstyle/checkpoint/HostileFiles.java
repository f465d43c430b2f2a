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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the small hostile checkpoints of issue 12 §3, byte by byte, the way an
 * attacker would: pickles no Python would write (lists as dict keys,
 * self-containing lists, lengths that lie), wrapped in PyTorch's legacy or zip
 * layout, and safetensors headers that lie.
 */
public final class HostileFiles {

	private HostileFiles() {}

	/** A pickle written opcode by opcode (protocol 2 and up). */
	public static final class Pickle {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		public Pickle() {
			op(0x80).op(2); // PROTO 2
		}

		public Pickle op(int... bytes) {
			for (int b : bytes)
				out.write(b);
			return this;
		}

		public Pickle raw(byte[] bytes) {
			out.writeBytes(bytes);
			return this;
		}

		public Pickle int32(int v) {
			return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v)
				.array());
		}

		public Pickle int64(long v) {
			return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(
				v).array());
		}

		/** BININT: a small or negative integer. */
		public Pickle integer(int v) {
			return op('J').int32(v);
		}

		/** BINUNICODE. */
		public Pickle string(String s) {
			byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
			return op('X').int32(utf8.length).raw(utf8);
		}

		/** GLOBAL module\nname\n. */
		public Pickle global(String module, String name) {
			return op('c').raw((module + "\n" + name + "\n").getBytes(
				StandardCharsets.US_ASCII));
		}

		public Pickle put(int memo) {
			return op('q', memo);
		}

		public Pickle get(int memo) {
			return op('h', memo);
		}

		/** A tuple of small integers. */
		public Pickle ints(long... values) {
			op('(');
			for (long v : values)
				integer((int) v);
			return op('t');
		}

		/**
		 * {@code torch._utils._rebuild_tensor_v2(storage, offset, shape, stride, False, OrderedDict())}
		 * of a float storage, as PyTorch pickles a tensor; {@code legacy} adds the
		 * view slot of the old format.
		 */
		public Pickle tensor(String storageKey, long storageNumel, long offset,
			long[] shape, long[] stride, boolean legacy)
		{
			global("torch._utils", "_rebuild_tensor_v2");
			op('(');
			op('(').string("storage").global("torch", "FloatStorage").string(
				storageKey).string("cpu").integer((int) storageNumel);
			if (legacy) op('N');
			op('t').op('Q'); // TUPLE, BINPERSID
			integer((int) offset).ints(shape).ints(stride).op(0x89); // NEWFALSE
			global("collections", "OrderedDict").op(')', 'R'); // OrderedDict()
			return op('t', 'R');
		}

		public byte[] stop() {
			out.write('.');
			return out.toByteArray();
		}
	}

	/**
	 * A zip checkpoint: {@code archive/data.pkl} and one {@code archive/data/KEY}
	 * entry per storage.
	 */
	public static Path zip(Path file, byte[] dataPkl,
		Map<String, byte[]> storages) throws IOException
	{
		try (OutputStream os = Files.newOutputStream(file);
				ZipOutputStream zip = new ZipOutputStream(os))
		{
			zip.putNextEntry(new ZipEntry("archive/data.pkl"));
			zip.write(dataPkl);
			zip.closeEntry();
			for (Map.Entry<String, byte[]> e : storages.entrySet()) {
				zip.putNextEntry(new ZipEntry("archive/data/" + e.getKey()));
				zip.write(e.getValue());
				zip.closeEntry();
			}
		}
		return file;
	}

	/**
	 * A legacy checkpoint: magic number, protocol 1001 and system info pickles,
	 * the given state dict pickle, the list of storage keys, then each storage as
	 * count and float32 bytes.
	 */
	public static Path legacy(Path file, byte[] stateDict,
		Map<String, float[]> storages) throws IOException
	{
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] magic = LegacyCheckpoint.MAGIC.toByteArray();
		byte[] little = new byte[magic.length];
		for (int i = 0; i < magic.length; i++)
			little[i] = magic[magic.length - 1 - i];
		out.writeBytes(new Pickle().op(0x8a, little.length).raw(little).stop()); // LONG1
		out.writeBytes(new Pickle().op('M', 1001 & 0xff, 1001 >> 8).stop()); // BININT2
		out.writeBytes(new Pickle().op('}').string("little_endian").op(0x88, 's')
			.stop()); // {little_endian: True}
		out.writeBytes(stateDict);
		Pickle keys = new Pickle().op('(');
		for (String key : storages.keySet())
			keys.string(key);
		out.writeBytes(keys.op('l').stop());
		for (float[] values : storages.values()) {
			ByteBuffer data = ByteBuffer.allocate(8 + 4 * values.length).order(
				ByteOrder.LITTLE_ENDIAN);
			data.putLong(values.length);
			for (float v : values)
				data.putFloat(v);
			out.writeBytes(data.array());
		}
		Files.write(file, out.toByteArray());
		return file;
	}

	/** A safetensors file with this header text and data section. */
	public static Path safetensors(Path file, String header, byte[] data)
		throws IOException
	{
		byte[] json = header.getBytes(StandardCharsets.UTF_8);
		ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + data.length).order(
			ByteOrder.LITTLE_ENDIAN);
		bytes.putLong(json.length).put(json).put(data);
		Files.write(file, bytes.array());
		return file;
	}

	/**
	 * A state dict pickle {"NAME": tensor} for one float32 tensor over storage
	 * "0".
	 */
	public static byte[] oneTensor(String name, long storageNumel, long offset,
		long[] shape, long[] stride, boolean legacy)
	{
		return new Pickle().op('}').string(name).tensor("0", storageNumel, offset,
			shape, stride, legacy).op('s').stop();
	}

	/**
	 * A zip checkpoint of float32 tensors, each in its own storage, written as
	 * PyTorch lays them out, but with each tensor's shape as given, whether or
	 * not it fits the values.
	 */
	public static Path zipStateDict(Path file, Map<String, long[]> shapes,
		Map<String, float[]> values) throws IOException
	{
		Pickle p = new Pickle().op('}', '(');
		Map<String, byte[]> storages = new LinkedHashMap<>();
		for (Map.Entry<String, long[]> e : shapes.entrySet()) {
			long[] shape = e.getValue();
			long[] stride = new long[shape.length];
			for (int i = shape.length - 1, s = 1; i >= 0; s *= shape[i], i--)
				stride[i] = s;
			String key = Integer.toString(storages.size());
			float[] data = values.get(e.getKey());
			p.string(e.getKey()).tensor(key, data.length, 0, shape, stride, false);
			storages.put(key, floats(data));
		}
		return zip(file, p.op('u').stop(), storages);
	}

	/** Float32 bytes, little-endian. */
	public static byte[] floats(float... values) {
		ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(
			ByteOrder.LITTLE_ENDIAN);
		for (float v : values)
			b.putFloat(v);
		return b.array();
	}

	/** Every hostile file of issue 12 §3, written into {@code dir}, by name. */
	public static Map<String, Path> all(Path dir) throws IOException {
		Map<String, Path> files = new LinkedHashMap<>();
		Pickle laughs = new Pickle().op('}').op(']');
		// Each level is a list holding the level below twice: 63 levels stand for
		// 2^63 lists.
		for (int i = 0; i < 63; i++)
			laughs.put(0).op('0', '(').get(0).get(0).op('l');
		files.put("billion-laughs-key.pth", zip(dir.resolve(
			"billion-laughs-key.pth"), laughs.integer(1).op('s').stop(), Map.of()));

		byte[] selfKey = new Pickle().op('}', ']').put(0).get(0).op('a').integer(1)
			.op('s').stop();
		files.put("self-referencing-key.pth", zip(dir.resolve(
			"self-referencing-key.pth"), selfKey, Map.of()));
		byte[] selfValue = new Pickle().op('}').string("a").op(']').put(0).get(0)
			.op('a', 's').stop();
		files.put("self-referencing-value.pth", zip(dir.resolve(
			"self-referencing-value.pth"), selfValue, Map.of()));

		files.put("deep-key.pth", zip(dir.resolve("deep-key.pth"), deepLists(
			new Pickle().op('}'), 100_000).integer(1).op('s').stop(), Map.of()));
		Pickle deepTuple = new Pickle().op('}').string("a").op(')');
		for (int i = 0; i < 100_000; i++)
			deepTuple.op(0x85); // TUPLE1: one byte per level
		files.put("deep-value.pth", zip(dir.resolve("deep-value.pth"), deepTuple.op(
			's').stop(), Map.of()));
		files.put("deep-build.pth", zip(dir.resolve("deep-build.pth"), deepLists(
			new Pickle(), 100_000).op('}', 'b').stop(), Map.of()));

		files.put("deep-safetensors.safetensors", safetensors(dir.resolve(
			"deep-safetensors.safetensors"), "{\"a\":" + "[".repeat(100_000) + "]"
				.repeat(100_000) + "}", new byte[0]));
		files.put("deep-safetensors-field.safetensors", safetensors(dir.resolve(
			"deep-safetensors-field.safetensors"),
			"{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4],\"x\":" +
				"[".repeat(100_000) + "]".repeat(100_000) + "}}", new byte[4]));

		files.put("huge-string-legacy.pth", padded(dir.resolve(
			"huge-string-legacy.pth"), new Pickle().op('X').int32(Integer.MAX_VALUE)
				.raw("abc".getBytes(StandardCharsets.US_ASCII)), 250));
		files.put("huge-bytes-legacy.pth", padded(dir.resolve(
			"huge-bytes-legacy.pth"), new Pickle().op('B').int32(Integer.MAX_VALUE),
			250));
		files.put("huge-bytes8-zip.pth", zip(dir.resolve("huge-bytes8-zip.pth"),
			new Pickle().op(0x8e).int64(1L << 62).stop(), Map.of()));
		files.put("huge-long4-zip.pth", zip(dir.resolve("huge-long4-zip.pth"),
			new Pickle().op(0x8b).int32(Integer.MAX_VALUE).stop(), Map.of()));
		files.put("claims-1.5GB-zip.pth", zip(dir.resolve("claims-1.5GB-zip.pth"),
			new Pickle().op('}').string("a").op('X').int32(1_500_000_000).stop(), Map
				.of()));

		files.put("overflowing-shape.safetensors", safetensors(dir.resolve(
			"overflowing-shape.safetensors"),
			"{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,3,3,3],\"data_offsets\":[0,0]}}",
			new byte[0]));

		files.put("negative-offset-legacy.pth", legacy(dir.resolve(
			"negative-offset-legacy.pth"), oneTensor("features.0.bias", 4, -2,
				new long[] { 4 }, new long[] { 1 }, true), Map.of("0", new float[4])));
		files.put("very-negative-offset-legacy.pth", legacy(dir.resolve(
			"very-negative-offset-legacy.pth"), oneTensor("features.0.bias", 4,
				-1_000_000_000, new long[] { 4 }, new long[] { 1 }, true), Map.of("0",
					new float[4])));
		files.put("negative-offset-zip.pth", zip(dir.resolve(
			"negative-offset-zip.pth"), oneTensor("features.0.bias", 4, -2,
				new long[] { 4 }, new long[] { 1 }, false), Map.of("0", floats(1, 2, 3,
					4))));
		return files;
	}

	/**
	 * {@code n} lists, each inside the one before, the outermost left on the
	 * stack.
	 */
	static Pickle deepLists(Pickle p, int n) {
		for (int i = 0; i < n; i++)
			p.op(']');
		for (int i = 1; i < n; i++)
			p.op('a');
		return p;
	}

	/**
	 * A legacy-looking file: the pickle, unfinished, then zero bytes up to
	 * {@code size}.
	 */
	private static Path padded(Path file, Pickle start, int size)
		throws IOException
	{
		byte[] head = start.stop();
		byte[] bytes = new byte[Math.max(size, head.length)];
		// without STOP: the lie is all there is
		System.arraycopy(head, 0, bytes, 0, head.length - 1);
		Files.write(file, bytes);
		return file;
	}
}
