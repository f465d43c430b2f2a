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

package org.neuralstyle.optimize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;

/**
 * The content image's feature maps as the tiled loss reads them: per tile, the
 * part of each content layer's map that belongs to the tile's core.
 * <p>
 * For the image sizes that need tiles these maps are the largest thing a run
 * holds: 32 floats per pixel at conv2_2, 512 MB for a 2048² image, ten times
 * the image itself. {@link #spilled} therefore keeps them out of memory: it
 * computes them tile by tile, writes each tile's cores to a temporary file and
 * reads one tile's back when an evaluation needs it (twice per evaluation: the
 * Gram pass and the gradient pass). The operating system's file cache usually
 * serves those reads; they are a few hundred MB per evaluation against minutes
 * of computation. The values are the same floats, so the loss is unchanged.
 * {@link #inMemory} slices whole maps held in memory, for small images and
 * tests.
 */
abstract class ContentTargets implements AutoCloseable {

	/**
	 * The target of {@code t}'s core in {@code layer}'s map (1×C×h×w), a new
	 * array in {@code scope}.
	 */
	abstract NDArray core(TileGrid.Tile t, String layer, NDManager scope);

	/** The number of values in {@code layer}'s whole map (C·h·w). */
	abstract long elements(String layer);

	/** Whole maps in memory (1×C×h×w per layer), sliced per tile. */
	static ContentTargets inMemory(Map<String, NDArray> maps, TileGrid grid,
		List<VggLayer> layers)
	{
		return new ContentTargets() {

			@Override
			NDArray core(TileGrid.Tile t, String layer, NDManager scope) {
				int[] box = box(grid, layers, t, layer);
				NDArray slice = maps.get(layer).get(new NDIndex(":, :, {}:{}, {}:{}",
					box[0], box[1], box[2], box[3]));
				slice.attach(scope);
				return slice;
			}

			@Override
			long elements(String layer) {
				return maps.get(layer).size();
			}

			@Override
			public void close() {}
		};
	}

	/**
	 * The maps of {@code image} (1×3×H×W) in {@code layers}, computed tile by
	 * tile without gradients and kept in a temporary file that is deleted on
	 * {@link #close()}.
	 *
	 * @throws UncheckedIOException when the file cannot be written, saying where
	 *           and how much
	 */
	static ContentTargets spilled(Vgg net, TileGrid grid, NDArray image,
		Set<String> layers, NDManager owner)
	{
		Spilled spilled = new Spilled();
		try {
			TiledLoss.forEachTile(net, grid, image, layers, owner, (t, features) -> {
				for (String layer : layers)
					spilled.write(t, layer, TiledLoss.core(grid, net.layers(), t, layer,
						features.get(layer)));
			});
			return spilled;
		}
		catch (RuntimeException e) {
			spilled.close();
			throw e;
		}
	}

	/**
	 * A tile's core in a layer's map: {top, bottom, left, right} in the whole
	 * map.
	 */
	static int[] box(TileGrid grid, List<VggLayer> layers, TileGrid.Tile t,
		String layer)
	{
		int scale = TileGrid.scale(layers, layer);
		int[] rows = grid.coreInFeatures(t.top(), t.bottom(), grid.height(), scale);
		int[] columns = grid.coreInFeatures(t.left(), t.right(), grid.width(),
			scale);
		return new int[] { rows[0], rows[1], columns[0], columns[1] };
	}

	@Override
	public abstract void close();

	/** Where one tile's core of one layer lies in the file. */
	private record Entry(long offset, Shape shape) {
	}

	private static final class Spilled extends ContentTargets {

		private final Path file;
		private final FileChannel channel;
		private final Map<TileGrid.Tile, Map<String, Entry>> entries =
			new HashMap<>();
		private final Map<String, Long> elements = new HashMap<>();
		/**
		 * One buffer for every read, outside the Java heap: arrays are made from it
		 * and copied at once, so no buffer is left for the garbage collector to
		 * free.
		 */
		private ByteBuffer buffer;
		private long end;

		Spilled() {
			try {
				file = Files.createTempFile("neural-style-content-", ".f32");
				channel = FileChannel.open(file, StandardOpenOption.READ,
					StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
			}
			catch (IOException e) {
				throw new UncheckedIOException(
					"Could not create a temporary file for the content targets in " +
						System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
			}
		}

		void write(TileGrid.Tile t, String layer, NDArray core) {
			ByteBuffer bytes = core.toByteBuffer();
			long offset = end;
			try {
				while (bytes.hasRemaining())
					end += channel.write(bytes, end);
			}
			catch (IOException e) {
				throw new UncheckedIOException(String.format(java.util.Locale.ROOT,
					"Could not write the content targets (%d MB so far) to %s: %s. Free space there, or choose another temporary folder (java.io.tmpdir).",
					end >> 20, file, e.getMessage()), e);
			}
			entries.computeIfAbsent(t, k -> new HashMap<>()).put(layer, new Entry(
				offset, core.getShape()));
			elements.merge(layer, core.size(), Long::sum);
		}

		@Override
		NDArray core(TileGrid.Tile t, String layer, NDManager scope) {
			Entry entry = entries.get(t).get(layer);
			int bytes = Math.toIntExact(entry.shape().size() * 4);
			if (buffer == null || buffer.capacity() < bytes) buffer = ByteBuffer
				.allocateDirect(bytes).order(ByteOrder.nativeOrder());
			buffer.clear().limit(bytes);
			try {
				long at = entry.offset();
				while (buffer.hasRemaining()) {
					int read = channel.read(buffer, at);
					if (read < 0) throw new IOException("the file ended early");
					at += read;
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(
					"Could not read the content targets back from " + file + ": " + e
						.getMessage(), e);
			}
			buffer.flip();
			try (NDArray view = scope.create(buffer, entry.shape(),
				DataType.FLOAT32))
			{
				return view.duplicate();
			}
		}

		@Override
		long elements(String layer) {
			return elements.get(layer);
		}

		@Override
		public void close() {
			try {
				channel.close();
				Files.deleteIfExists(file);
			}
			catch (IOException e) {
				// Deleted on close already, or the folder is gone: nothing to keep.
			}
		}
	}
}
