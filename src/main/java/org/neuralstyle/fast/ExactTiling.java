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

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.neuralstyle.fast.CellGrid.Tile;
import org.neuralstyle.tensor.NativeMemory;
import org.neuralstyle.tensor.Scalars;

/**
 * The network's output for a whole image, computed tile by tile in memory
 * bounded by the tile size, and equal to the untiled output up to float
 * rounding. Two things keep a tile from seeing what the whole image sees:
 * InstanceNorm normalizes by statistics of the whole picture, and convolutions
 * near a tile's edge reach beyond it.
 * <p>
 * The network runs in seven parts: the down-sampling convolutions, the five
 * residual blocks, the up-sampling convolutions. For each InstanceNorm layer of
 * a part, one pass runs every tile up to that layer and merges the statistics
 * of its input over the tile's core ({@link WholeImageStatistics}); once all
 * tiles are in, the layer normalizes by the whole image's values. A last pass
 * runs every tile through the whole part and keeps the core of its output: the
 * activation of the whole image between two parts, which the next part reads
 * window by window ({@link ActivationStore}). Windows reach far enough beyond
 * the core that the core comes out exact ({@link CellGrid}).
 * <p>
 * Recomputing from the image for each of the 15 layers would cost about 7.4
 * untiled runs (the sum, over the layers, of the work up to each); keeping
 * every layer's activation would need up to 128 bytes a pixel. Keeping only the
 * activations between parts (quarter size, 32 bytes a pixel, on disk when
 * large) costs about 2.5 untiled runs of arithmetic: {@value #PASSES} passes,
 * most of them short.
 */
final class ExactTiling {

	/** Passes over the tiles: one per InstanceNorm layer and one per part. */
	static final int PASSES = 3 + 1 + TransformerNetLayout.RESIDUAL_BLOCKS * 3 +
		2 + 1;

	/** Channels between the parts: the residual blocks' width. */
	private static final int CHANNELS = (int) TransformerNetLayout
		.parameterShapes().get("in3.weight").get(0);

	/**
	 * Where the output goes: {@code planes} holds the 3×h×w values, in [0,1], of
	 * the rectangle at ({@code x}, {@code y}). Rectangles do not overlap.
	 */
	interface Sink {

		void put(int x, int y, int width, int height, float[] planes);
	}

	/** One part of the network, run on one tile's window. */
	private interface Part {

		NDArray run(NDManager scope, Tile tile);
	}

	private final TransformerNet net;
	private final CellGrid grid;
	private final WholeImageStatistics statistics = new WholeImageStatistics();
	private TileListener listener;
	private int done;

	ExactTiling(TransformerNet net, CellGrid grid) {
		this.net = net;
		this.grid = grid;
	}

	/** Network runs on a tile, what a {@link TileListener} counts to. */
	int runs() {
		return grid.tiles().size() * PASSES;
	}

	void run(NDManager manager, Pixels content, Sink sink,
		TileListener tileListener)
	{
		listener = tileListener;
		done = 0;
		int rows = CellGrid.cells(grid.height());
		int columns = CellGrid.cells(grid.width());
		Part down = (scope, tile) -> net.down(pixels(scope, content, tile),
			statistics);
		measure(manager, down, "in1", "in2", "in3");
		ActivationStore current = ActivationStore.of(rows, columns, CHANNELS);
		try {
			store(manager, down, current);
			for (int block =
				1; block <= TransformerNetLayout.RESIDUAL_BLOCKS; block++)
			{
				ActivationStore input = current;
				int b = block;
				Part residual = (scope, tile) -> net.residual(b, window(scope, input,
					tile), statistics);
				measure(manager, residual, "res" + b + ".in1", "res" + b + ".in2");
				current = ActivationStore.of(rows, columns, CHANNELS);
				store(manager, residual, current);
				input.close();
			}
			ActivationStore last = current;
			Part up = (scope, tile) -> net.up(window(scope, last, tile), statistics);
			measure(manager, up, "in4", "in5");
			forEachTile(manager, (scope, tile) -> {
				NDArray output = run(scope, up, tile);
				int px = CellGrid.CELL;
				int y0 = px * tile.top(), y1 = Math.min(px * tile.bottom(), grid
					.height());
				int x0 = px * tile.left(), x1 = Math.min(px * tile.right(), grid
					.width());
				int wy = px * tile.windowTop(), wx = px * tile.windowLeft();
				NDArray core = output.get(":, :, {}:{}, {}:{}", y0 - wy, y1 - wy, x0 -
					wx, x1 - wx);
				sink.put(x0, y0, x1 - x0, y1 - y0, Scalars.dividedBy(core.clip(0f,
					255f), 255f).toFloatArray());
			});
		}
		finally {
			current.close();
		}
	}

	/**
	 * One pass per layer: every tile up to the layer, its statistics merged, then
	 * fixed.
	 */
	private void measure(NDManager manager, Part part, String... layers) {
		for (String layer : List.of(layers)) {
			statistics.measure(layer);
			forEachTile(manager, (scope, tile) -> {
				try {
					run(scope, part, tile);
					throw new IllegalStateException("The network never reached " + layer);
				}
				catch (WholeImageStatistics.LayerMeasured measured) {
					// The tile's share is in; the rest of its run is not needed yet.
				}
			});
			statistics.fix();
		}
	}

	/** A pass through the whole part, the tiles' cores into {@code store}. */
	private void store(NDManager manager, Part part, ActivationStore store) {
		forEachTile(manager, (scope, tile) -> {
			NDArray y = run(scope, part, tile);
			store.write(y, tile.windowTop(), tile.windowLeft(), tile.top() - tile
				.windowTop(), tile.bottom() - tile.windowTop(), tile.left() - tile
					.windowLeft(), tile.right() - tile.windowLeft());
		});
	}

	/**
	 * Runs {@code work} on every tile, each in its own scope, then gives the C
	 * heap's free memory back. The engine's heap keeps freed blocks for the next
	 * operator ({@link org.neuralstyle.tensor.MainArena}), which within a pass
	 * saves the kernel zeroing them again (every tile of a pass allocates alike),
	 * but across the passes, each with its own shapes, would let the holes add
	 * up: a fast 8192² image peaked at 3.35 GB instead of 2.08 GB. Giving it back
	 * after every tile instead of every pass cost 200 s of system time there.
	 */
	private void forEachTile(NDManager manager,
		BiConsumer<NDManager, Tile> work)
	{
		for (Tile tile : grid.tiles())
			try (NDManager scope = manager.newSubManager()) {
				work.accept(scope, tile);
			}
		NativeMemory.trim();
	}

	private NDArray run(NDManager scope, Part part, Tile tile) {
		if (Thread.currentThread().isInterrupted()) throw new CancellationException(
			"Stylization cancelled");
		statistics.core(tile.top() - tile.windowTop(), tile.bottom() - tile
			.windowTop(), tile.left() - tile.windowLeft(), tile.right() - tile
				.windowLeft());
		try {
			return part.run(scope, tile);
		}
		finally {
			listener.tileDone(++done, runs());
		}
	}

	/** The tile's window of the image, RGB in 0..255. */
	private NDArray pixels(NDManager scope, Pixels content, Tile tile) {
		int px = CellGrid.CELL;
		int x = px * tile.windowLeft(), y = px * tile.windowTop();
		int width = Math.min(px * tile.windowRight(), grid.width()) - x;
		int height = Math.min(px * tile.windowBottom(), grid.height()) - y;
		float[] planes = new float[3 * width * height];
		for (int c = 0; c < 3; c++)
			for (int row = 0; row < height; row++)
				content.read(c, y + row, x, width, planes, (c * height + row) * width);
		NDArray unit = scope.create(planes, new Shape(1, 3, height, width));
		return Scalars.times(unit, 255f);
	}

	private static NDArray window(NDManager scope, ActivationStore store,
		Tile tile)
	{
		return store.read(scope, tile.windowTop(), tile.windowBottom(), tile
			.windowLeft(), tile.windowRight());
	}
}
