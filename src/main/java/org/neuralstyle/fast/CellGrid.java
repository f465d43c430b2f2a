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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How {@link ExactTiling} cuts an image into tiles. Positions are counted in
 * cells of 4×4 pixels, the total stride of the network's two stride-2
 * convolutions: every tile starts on a cell, so it samples those convolutions
 * and the upsampling at the same phase as the whole image does. The cores, the
 * parts each tile accounts for, cover the image without overlap; each window
 * adds a halo of {@value #HALO} cells on every side but the image's own edges.
 * <p>
 * Why {@value #HALO} cells are enough: every part of the network that
 * {@link ExactTiling} runs on its own (the down-sampling convolutions, one
 * residual block, the up-sampling convolutions) starts from exact values over
 * the whole window and goes wrong only where its reflection padding mirrors the
 * window's edge instead of the image. The down-sampling part (9×9, then two 3×3
 * of stride 2) spoils 2 cells from a window edge, a residual block (two 3×3 at
 * cell size) 2 cells, the up-sampling part (3×3 at half size, 3×3 and 9×9 at
 * full size: 1 + 1 + 4 pixels) 2 cells. With InstanceNorm normalizing by the
 * whole image's statistics, nothing else reaches across the image.
 */
final class CellGrid {

	/** Pixels a side of a cell: the network's down-sampling. */
	static final int CELL = 4;
	/** Cells of context on each inner side of a tile. */
	static final int HALO = 2;

	/**
	 * A tile: core and window, in cells (end exclusive); the last cell of a row
	 * or column may be partly outside the image.
	 */
	record Tile(int top, int bottom, int left, int right, int windowTop,
			int windowBottom, int windowLeft, int windowRight) {
	}

	private final int width;
	private final int height;
	private final List<Tile> tiles;

	/**
	 * @param tileSize largest core side in pixels, at least one cell
	 */
	CellGrid(int width, int height, int tileSize) {
		if (tileSize < CELL) throw new IllegalArgumentException(
			"A tile must be at least " + CELL + " pixels");
		this.width = width;
		this.height = height;
		int[] rows = split(cells(height), tileSize / CELL);
		int[] columns = split(cells(width), tileSize / CELL);
		int rowCells = cells(height), columnCells = cells(width);
		List<Tile> all = new ArrayList<>();
		for (int r = 0; r + 1 < rows.length; r++)
			for (int c = 0; c + 1 < columns.length; c++)
				all.add(new Tile(rows[r], rows[r + 1], columns[c], columns[c + 1], Math
					.max(0, rows[r] - HALO), Math.min(rowCells, rows[r + 1] + HALO), Math
						.max(0, columns[c] - HALO), Math.min(columnCells, columns[c + 1] +
							HALO)));
		tiles = Collections.unmodifiableList(all);
	}

	/** Row by row, left to right. */
	List<Tile> tiles() {
		return tiles;
	}

	int width() {
		return width;
	}

	int height() {
		return height;
	}

	/** Cells along a side of {@code pixels}, the last one partial. */
	static int cells(int pixels) {
		return (pixels + CELL - 1) / CELL;
	}

	/**
	 * Boundaries of the fewest parts of at most {@code most} cells, as equal as
	 * whole cells allow.
	 */
	private static int[] split(int cells, int most) {
		int parts = (cells + most - 1) / most;
		int[] bounds = new int[parts + 1];
		for (int i = 0; i <= parts; i++)
			bounds[i] = (int) ((long) i * cells / parts);
		return bounds;
	}
}
