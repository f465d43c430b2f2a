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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.neuralstyle.net.VggLayer;

/**
 * How an image is cut into tiles for the VGG so that every tile's core features
 * equal the whole image's features there, exactly. Each tile is a core, the
 * part it accounts for, inside a window that adds a halo of context on every
 * side but the image's own edges.
 * <p>
 * Why this is exact: a feature at a core position depends only on the input
 * pixels within its receptive field. The halo is at least the receptive field's
 * reach of the deepest layer, so those pixels all lie in the window, and the
 * zero padding at a window's inner edges never reaches the core. Cores and
 * windows start at multiples of 2^pools, so every pooling sees the same 2×2
 * cells as in the whole image.
 */
final class TileGrid {

	/**
	 * The most memory an evaluation is given, whatever is free: beyond a few GB,
	 * larger tiles save little (the halo is a small part of a large window), and
	 * the rest of the machine, Fiji included, keeps what it needs.
	 */
	static final long WORKING_SET_CAP = 3L << 29;

	/**
	 * A tile: its core and its window, in image rows and columns (end exclusive).
	 */
	record Tile(int top, int bottom, int left, int right, int windowTop,
			int windowBottom, int windowLeft, int windowRight) {
	}

	private final int height;
	private final int width;
	private final int align;
	private final int halo;
	private final int tile;
	private final List<Tile> tiles;

	private TileGrid(int height, int width, int align, int halo, int tile) {
		this.height = height;
		this.width = width;
		this.align = align;
		this.halo = halo;
		this.tile = tile;
		List<Tile> all = new ArrayList<>();
		for (int top = 0; top < height; top += tile)
			for (int left = 0; left < width; left += tile) {
				int bottom = Math.min(height, top + tile), right = Math.min(width,
					left + tile);
				all.add(new Tile(top, bottom, left, right, Math.max(0, top - halo), Math
					.min(height, bottom + halo), Math.max(0, left - halo), Math.min(width,
						right + halo)));
			}
		this.tiles = Collections.unmodifiableList(all);
	}

	/**
	 * The grid for an image of {@code height × width} through {@code layers} (the
	 * network down to its deepest layer used), with cores of about {@code tile}
	 * pixels a side.
	 *
	 * @throws IllegalArgumentException if the tile is smaller than one pooling
	 *           cell of the deepest layer
	 */
	static TileGrid of(List<VggLayer> layers, int height, int width, int tile) {
		return new TileGrid(height, width, align(layers), halo(layers), aligned(
			layers, tile));
	}

	/**
	 * The core side a grid of {@code tile} pixels uses: {@code tile} rounded down
	 * to whole pooling cells of the deepest layer.
	 *
	 * @throws IllegalArgumentException if the tile is smaller than one cell
	 */
	static int aligned(List<VggLayer> layers, int tile) {
		int align = align(layers);
		if (tile < align) throw new IllegalArgumentException("A tile of " + tile +
			" pixels is smaller than the " + align + "×" + align +
			" cells the network's poolings need: use a tile of at least " + align +
			" pixels, or 0 for none.");
		return tile / align * align;
	}

	/**
	 * 2^(poolings down to the deepest layer): the cell that every tile edge must
	 * fall on.
	 */
	static int align(List<VggLayer> layers) {
		int align = 1;
		for (VggLayer l : layers)
			if (l.kind() == VggLayer.Kind.POOL) align *= 2;
		return align;
	}

	/**
	 * The receptive field's reach of the deepest layer beyond a cell, in input
	 * pixels, rounded up to whole cells: each 3×3 convolution reaches one feature
	 * further, each 2×2 pooling one more and doubles the step between features.
	 */
	static int halo(List<VggLayer> layers) {
		int reach = 0, step = 1;
		for (VggLayer l : layers) {
			if (l.kind() == VggLayer.Kind.CONV) reach += step;
			else if (l.kind() == VggLayer.Kind.POOL) {
				reach += step;
				step *= 2;
			}
		}
		int align = align(layers);
		return (reach + align - 1) / align * align;
	}

	/**
	 * The downsampling of a layer's feature map: 2^(poolings up to and including
	 * it).
	 */
	static int scale(List<VggLayer> layers, String layer) {
		int scale = 1;
		for (VggLayer l : layers) {
			if (l.kind() == VggLayer.Kind.POOL) scale *= 2;
			if (l.name().equals(layer)) return scale;
		}
		throw new IllegalArgumentException("No layer " + layer);
	}

	/**
	 * Bytes one evaluation holds per input pixel through {@code layers}: each
	 * layer's output and its gradient, with room for the temporaries of backward
	 * (three floats per feature value).
	 */
	static double bytesPerPixel(List<VggLayer> layers) {
		double perPixel = 3 * 3 * 4; // the image, its gradient and a copy
		int scale = 1;
		for (VggLayer l : layers) {
			if (l.kind() == VggLayer.Kind.POOL) scale *= 2;
			perPixel += 3.0 * 4 * l.outChannels() / ((double) scale * scale);
		}
		return perPixel;
	}

	/**
	 * The tile side for an image of {@code height × width} within
	 * {@code availableBytes}: 0 when the whole image fits in one evaluation, else
	 * the largest core whose window fits.
	 *
	 * @throws IllegalArgumentException when not even the smallest tile fits,
	 *           saying what would
	 */
	static int automatic(List<VggLayer> layers, int height, int width,
		long availableBytes)
	{
		double perPixel = bytesPerPixel(layers);
		if (perPixel * height * width <= availableBytes) return 0;
		int align = align(layers), halo = halo(layers);
		int window = (int) Math.floor(Math.sqrt(availableBytes / perPixel));
		int tile = (window - 2 * halo) / align * align;
		if (tile < align) throw new IllegalArgumentException(String.format(
			java.util.Locale.ROOT,
			"A %d×%d image does not fit in the %d MB available, not even in tiles: one tile of %d pixels with its %d-pixel " +
				"context needs %d MB. Use a smaller size, layers nearer the input, or a machine with more memory.",
			width, height, availableBytes >> 20, align, halo, (long) (perPixel *
				(align + 2.0 * halo) * (align + 2.0 * halo)) >> 20));
		return tile;
	}

	List<Tile> tiles() {
		return tiles;
	}

	int height() {
		return height;
	}

	int width() {
		return width;
	}

	int halo() {
		return halo;
	}

	int tile() {
		return tile;
	}

	/**
	 * A tile's core rows or columns in a feature map of the given scale: {from,
	 * to} in the whole map.
	 */
	int[] coreInFeatures(int start, int end, int imageSize, int scale) {
		// Cores start on whole cells; the last one ends where the whole map ends
		// (the poolings round down).
		return new int[] { start / scale, end == imageSize ? imageSize / scale
			: end / scale };
	}
}
