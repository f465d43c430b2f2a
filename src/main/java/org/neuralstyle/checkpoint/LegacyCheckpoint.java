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

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's serialization before 1.6 (torchvision's VGG files): five pickles in
 * a row (magic number, protocol version, system info, the state dict, the
 * sorted storage keys), then for each key an 8-byte little-endian element count
 * followed by the storage's raw bytes. Opening reads the pickles and then only
 * the 8-byte counts, seeking over the data, so it reads a few KB of a 548 MB
 * file; it also checks the file is long enough for every storage, so a
 * truncated download fails here rather than halfway through building a network.
 */
final class LegacyCheckpoint extends PickledStateDict {

	static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
	private static final int PROTOCOL_VERSION = 1001;

	private final SeekableByteChannel channel;
	/** File position of each storage's first data byte. */
	private final Map<String, Long> dataStart;

	private LegacyCheckpoint(Path file, Map<String, StoredTensor> tensors,
		SeekableByteChannel channel, Map<String, Long> dataStart)
	{
		super(file, tensors);
		this.channel = channel;
		this.dataStart = dataStart;
	}

	static LegacyCheckpoint open(Path file) throws IOException {
		return Checkpoints.readOrClose(file, Files.newByteChannel(file),
			LegacyCheckpoint::read);
	}

	/**
	 * Reads the index from a channel, which the checkpoint then owns (tests pass
	 * a counting one).
	 */
	static LegacyCheckpoint read(Path file, SeekableByteChannel channel)
		throws IOException
	{
		channel.position(0);
		CountingStream in = new CountingStream(new BufferedInputStream(Channels
			.newInputStream(channel), 4096));
		if (!MAGIC.equals(next(in, file, channel).value())) throw Checkpoints
			.damaged(file, "no PyTorch magic number", null);
		if (!(next(in, file, channel).value() instanceof Number version) || version
			.intValue() != PROTOCOL_VERSION) throw Checkpoints.damaged(file,
				"unknown PyTorch serialization version", null);
		if (next(in, file, channel).value() instanceof Map<?, ?> sysInfo &&
			Boolean.FALSE.equals(sysInfo.get("little_endian")))
		{
			throw new CheckpointException(file +
				" was saved on a big-endian machine, which is not supported. " +
				"Load it in PyTorch and save it again on a PC.");
		}
		RestrictedUnpickler.Result stateDict = next(in, file, channel);
		Map<String, StoredTensor> tensors = tensorsOf(file, stateDict);
		if (!(next(in, file, channel).value() instanceof List<?> keys))
			throw Checkpoints.damaged(file, "no list of storages", null);

		// Only the bytes the pickles used were consumed; the buffer may have read
		// ahead.
		long position = in.count;
		long size = channel.size();
		Map<String, Long> dataStart = new HashMap<>();
		ByteBuffer count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
		for (Object key : keys) {
			StorageRef storage = key instanceof String name ? stateDict.storages()
				.get(name) : null;
			if (storage == null) throw Checkpoints.damaged(file,
				"a stored storage no tensor uses", null);
			count.clear();
			channel.position(position);
			while (count.hasRemaining())
				if (channel.read(count) < 0) throw Checkpoints.damaged(file,
					"it ends before all tensors", null);
			long numel = count.getLong(0);
			if (numel != storage.numel() || numel > size) throw Checkpoints.damaged(
				file, "a storage has the wrong size", null);
			dataStart.put(storage.key(), position + 8);
			position += 8 + numel * storage.dtype().size;
			if (position > size) throw Checkpoints.damaged(file,
				"it ends before all tensors", null);
		}
		if (!dataStart.keySet().containsAll(stateDict.storages().keySet()))
			throw Checkpoints.damaged(file, "a tensor's storage is missing", null);
		return new LegacyCheckpoint(file, tensors, channel, dataStart);
	}

	/**
	 * The next pickle; its lengths are checked against the bytes the file has
	 * left.
	 */
	private static RestrictedUnpickler.Result next(CountingStream in, Path file,
		SeekableByteChannel channel) throws IOException
	{
		return RestrictedUnpickler.load(in, file, channel.size() - in.count);
	}

	@Override
	synchronized ByteBuffer readStorage(String key, long byteOffset,
		int byteCount) throws IOException
	{
		ByteBuffer buffer = ByteBuffer.allocate(byteCount);
		channel.position(dataStart.get(key) + byteOffset);
		while (buffer.hasRemaining())
			if (channel.read(buffer) < 0) throw Checkpoints.damaged(file,
				"it ends before all tensors", null);
		return buffer.flip();
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	/**
	 * Counts the bytes the unpickler consumed, to find where the storages begin.
	 */
	private static final class CountingStream extends FilterInputStream {

		long count;

		CountingStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) count++;
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) count += n;
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			count += skipped;
			return skipped;
		}
	}
}
