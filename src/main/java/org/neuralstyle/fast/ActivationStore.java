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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One activation of the whole image between two parts of the network, C
 * channels at cell size (a quarter of the image's sides), written tile core by
 * tile core and read back window by window. Stored row by row with the channels
 * of a position together, so that a tile's row is one contiguous run. Small
 * ones stay in the Java heap; larger ones go to a temporary file, so that an
 * image of 8192² (2 GB at 128 channels) does not take memory that the system
 * can instead use as file cache.
 */
abstract class ActivationStore implements AutoCloseable {

	/**
	 * Largest share of the Java heap one store may take; two are open at once.
	 */
	private static final int HEAP_SHARE = 16;

	final int rows;
	final int columns;
	final int channels;

	private ActivationStore(int rows, int columns, int channels) {
		this.rows = rows;
		this.columns = columns;
		this.channels = channels;
	}

	/** A store in the heap when it is small enough, else in a temporary file. */
	static ActivationStore of(int rows, int columns, int channels) {
		long values = (long) rows * columns * channels;
		if (values <= Integer.MAX_VALUE && values * Float.BYTES <= Runtime
			.getRuntime().maxMemory() / HEAP_SHARE) return inHeap(rows, columns,
				channels);
		try {
			return inFile(rows, columns, channels);
		}
		catch (IOException e) {
			throw new UncheckedIOException(
				"Cannot create a temporary file for the image's activations (" +
					values * Float.BYTES / (1 << 20) + " MB): " + e.getMessage(), e);
		}
	}

	static ActivationStore inHeap(int rows, int columns, int channels) {
		return new Heap(rows, columns, channels);
	}

	static ActivationStore inFile(int rows, int columns, int channels)
		throws IOException
	{
		return new TemporaryFile(rows, columns, channels);
	}

	/**
	 * Stores rows {@code fromRow} to {@code toRow} and columns {@code fromColumn}
	 * to {@code toColumn} of the 1×C×h×w {@code tile}, whose top left is at
	 * ({@code tileRow}, {@code tileColumn}) of the image.
	 */
	void write(NDArray tile, int tileRow, int tileColumn, int fromRow, int toRow,
		int fromColumn, int toColumn)
	{
		try (NDArray core = tile.get("0, :, {}:{}, {}:{}", fromRow, toRow,
			fromColumn, toColumn); NDArray last = core.transpose(1, 2, 0))
		{
			float[] values = last.toFloatArray();
			int run = (toColumn - fromColumn) * channels;
			for (int r = 0; r < toRow - fromRow; r++)
				put(offset(tileRow + fromRow + r, tileColumn + fromColumn), values, r *
					run, run);
		}
	}

	/**
	 * Rows {@code top} to {@code bottom}, columns {@code left} to {@code right},
	 * as a new 1×C×h×w array of {@code manager}.
	 */
	NDArray read(NDManager manager, int top, int bottom, int left, int right) {
		int run = (right - left) * channels;
		float[] values = new float[(bottom - top) * run];
		for (int r = top; r < bottom; r++)
			get(offset(r, left), values, (r - top) * run, run);
		try (NDArray last = manager.create(values, new Shape(bottom - top, right -
			left, channels)); NDArray planar = last.transpose(2, 0, 1))
		{
			return planar.expandDims(0);
		}
	}

	private long offset(int row, int column) {
		return ((long) row * columns + column) * channels;
	}

	abstract void put(long at, float[] values, int from, int count);

	abstract void get(long at, float[] values, int to, int count);

	@Override
	public abstract void close();

	private static final class Heap extends ActivationStore {

		private final float[] data;

		Heap(int rows, int columns, int channels) {
			super(rows, columns, channels);
			data = new float[rows * columns * channels];
		}

		@Override
		void put(long at, float[] values, int from, int count) {
			System.arraycopy(values, from, data, (int) at, count);
		}

		@Override
		void get(long at, float[] values, int to, int count) {
			System.arraycopy(data, (int) at, values, to, count);
		}

		@Override
		public void close() {}
	}

	private static final class TemporaryFile extends ActivationStore {

		private final Path path;
		private final FileChannel channel;
		private ByteBuffer buffer = ByteBuffer.allocate(0);

		TemporaryFile(int rows, int columns, int channels) throws IOException {
			super(rows, columns, channels);
			path = Files.createTempFile("neural-style-activations-", ".f32");
			path.toFile().deleteOnExit();
			channel = FileChannel.open(path, StandardOpenOption.READ,
				StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
		}

		private ByteBuffer buffer(int count) {
			if (buffer.capacity() < count * Float.BYTES) buffer = ByteBuffer.allocate(
				count * Float.BYTES).order(ByteOrder.nativeOrder());
			buffer.clear().limit(count * Float.BYTES);
			return buffer;
		}

		@Override
		void put(long at, float[] values, int from, int count) {
			ByteBuffer b = buffer(count);
			b.asFloatBuffer().put(values, from, count);
			try {
				long position = at * Float.BYTES;
				while (b.hasRemaining())
					position += channel.write(b, position);
			}
			catch (IOException e) {
				throw new UncheckedIOException(
					"Cannot write the image's activations to " + path +
						" (is the disk full?): " + e.getMessage(), e);
			}
		}

		@Override
		void get(long at, float[] values, int to, int count) {
			ByteBuffer b = buffer(count);
			try {
				long position = at * Float.BYTES;
				while (b.hasRemaining()) {
					int n = channel.read(b, position);
					if (n < 0) throw new IOException("unexpected end of file");
					position += n;
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(
					"Cannot read the image's activations from " + path + ": " + e
						.getMessage(), e);
			}
			b.flip();
			b.asFloatBuffer().get(values, to, count);
		}

		@Override
		public void close() {
			try {
				channel.close();
				Files.deleteIfExists(path);
			}
			catch (IOException e) {
				// The file is marked for deletion at exit as well.
			}
		}
	}
}
