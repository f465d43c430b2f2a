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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The legacy reader's promise for the 548 MB VGG19 file: opening reads the
 * index and seeks over the data, and a tensor costs exactly its own bytes.
 * Counted at the channel.
 */
class LazyReadingTest {

	/** A channel that counts the bytes read through it. */
	private static final class CountingChannel implements SeekableByteChannel {

		private final SeekableByteChannel inner;
		long bytesRead;

		CountingChannel(SeekableByteChannel inner) {
			this.inner = inner;
		}

		@Override
		public int read(ByteBuffer dst) throws IOException {
			int n = inner.read(dst);
			if (n > 0) bytesRead += n;
			return n;
		}

		@Override
		public int write(ByteBuffer src) {
			throw new UnsupportedOperationException();
		}

		@Override
		public long position() throws IOException {
			return inner.position();
		}

		@Override
		public SeekableByteChannel position(long newPosition) throws IOException {
			inner.position(newPosition);
			return this;
		}

		@Override
		public long size() throws IOException {
			return inner.size();
		}

		@Override
		public SeekableByteChannel truncate(long size) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean isOpen() {
			return inner.isOpen();
		}

		@Override
		public void close() throws IOException {
			inner.close();
		}
	}

	@Test
	void legacyOpenReadsTheIndexAndEachTensorOnlyItsBytes() throws IOException {
		Path file = Fixtures.file("tiny_vgg_legacy.pth");
		Map<String, Fixtures.Expected> expected = Fixtures.tinyVgg();
		CountingChannel channel = new CountingChannel(FileChannel.open(file));
		try (StateDict sd = LegacyCheckpoint.read(file, channel)) {
			// The pickles (about 2 KB), one 4 KB read-ahead buffer and 8 bytes per
			// storage.
			long storageBytes = 0;
			for (Fixtures.Expected e : expected.values())
				storageBytes += 4L * e.values().length;
			assertTrue(channel.bytesRead < 5000, "open read " + channel.bytesRead +
				" bytes");
			assertTrue(channel.bytesRead < Files.size(file) - storageBytes / 2,
				"open read the data");

			for (String name : new String[] { "features.5.weight", "features.0.bias",
				"extra.offset" })
			{
				channel.bytesRead = 0;
				float[] values = sd.readFloats(name);
				assertArrayEquals(expected.get(name).values(), values, name);
				assertEquals(4L * values.length, channel.bytesRead, name);
			}
			// A strided view reads the span of its storage it touches: rows 1..4,
			// columns 2..8 of a 6x10 base.
			channel.bytesRead = 0;
			sd.readFloats("extra.view");
			assertEquals(4L * (3 * 10 + 6 + 1), channel.bytesRead);
			channel.bytesRead = 0;
			sd.readFloats("extra.half");
			assertEquals(2L * 8, channel.bytesRead);
		}
	}
}
