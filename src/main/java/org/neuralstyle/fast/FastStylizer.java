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

import java.util.concurrent.CancellationException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.tensor.Scalars;

/**
 * Stylizes images of any size with a {@link TransformerNet} in bounded memory:
 * the image is cut into overlapping tiles, each tile goes through the network
 * on its own, and the outputs are blended across the overlaps with a cosine
 * ramp so that no seam shows. Memory grows with the tile size, not the image
 * size. Each tile (or the whole image) goes through the network as it is, as
 * pytorch/examples runs it; the network rounds odd sides up to a multiple of 4,
 * and the output is cropped back to the input's size.
 * <p>
 * InstanceNorm normalizes by statistics of the whole picture it sees. A tile
 * alone sees only its own: tiles of sky and of roofs come out in different
 * colours, a patchwork no blending hides. With
 * {@link Normalization#WHOLE_IMAGE} (the default) the network first runs once
 * on a copy of the image shrunk to the size of a tile, and every tile is
 * normalized by the statistics recorded there. Natural images have much the
 * same statistics at half or an eighth of their size, so the tiled result comes
 * close to what the network gives for the whole image at once.
 */
public final class FastStylizer {

	/**
	 * How the InstanceNorm layers are normalized when an image takes more than
	 * one tile.
	 */
	public enum Normalization {
			/**
			 * By statistics of the whole image, measured on a shrunk copy: one
			 * consistent look.
			 */
			WHOLE_IMAGE,
			/**
			 * Each tile by its own statistics: colours may change from tile to tile.
			 */
			PER_TILE
	}

	public static final int DEFAULT_TILE_SIZE = 512;
	/**
	 * A quarter of the overlap at each tile edge is not used, beyond the reach of
	 * edge effects.
	 */
	public static final int DEFAULT_OVERLAP = 128;
	/** Smaller tiles would be mostly overlap and padding. */
	public static final int MIN_TILE_SIZE = 64;

	private final TransformerNet net;
	private final int tileSize;
	private final int overlap;
	private final Normalization normalization;

	/**
	 * Tiles of {@value #DEFAULT_TILE_SIZE} pixels overlapping by
	 * {@value #DEFAULT_OVERLAP}, normalized as the whole image.
	 */
	public FastStylizer(TransformerNet net) {
		this(net, DEFAULT_TILE_SIZE, DEFAULT_OVERLAP, Normalization.WHOLE_IMAGE);
	}

	/**
	 * @param tileSize largest tile side in pixels, at least
	 *          {@value #MIN_TILE_SIZE}; memory grows with its square
	 * @param overlap least overlap of neighbouring tiles in pixels, from 0 to
	 *          half the tile size
	 */
	public FastStylizer(TransformerNet net, int tileSize, int overlap,
		Normalization normalization)
	{
		if (tileSize < MIN_TILE_SIZE) throw new IllegalArgumentException(
			"Tile size must be at least " + MIN_TILE_SIZE + " pixels, got " +
				tileSize);
		if (overlap < 0 || overlap > tileSize / 2)
			throw new IllegalArgumentException(
				"Tile overlap must be between 0 and half the tile size (" + tileSize /
					2 + " pixels), got " + overlap);
		this.net = net;
		this.tileSize = tileSize;
		this.overlap = overlap;
		this.normalization = normalization;
	}

	/**
	 * Network runs for an image of this size, what a {@link TileListener} counts
	 * to: one per tile, and one more on the shrunk copy when several tiles are
	 * normalized as the whole image.
	 */
	public int runs(int width, int height) {
		int tiles = new TileAxis(width, tileSize, overlap).count() * new TileAxis(
			height, tileSize, overlap).count();
		return tiles > 1 && normalization == Normalization.WHOLE_IMAGE ? tiles + 1
			: tiles;
	}

	public RgbImage stylize(RgbImage content) {
		return stylize(content, (done, total) -> {});
	}

	/**
	 * Returns a new stylized image of the same size, values in [0,1]; the input
	 * is not changed.
	 *
	 * @param listener told after each network run, out of {@link #runs}
	 * @throws CancellationException if the calling thread is interrupted; checked
	 *           before each run
	 * @throws IllegalArgumentException if a side is shorter than
	 *           {@value TransformerNet#MIN_SIZE}
	 */
	public RgbImage stylize(RgbImage content, TileListener listener) {
		int width = content.width();
		float[] result = new float[3 * width * content.height()];
		stylize(Pixels.of(content), planarInto(result, width, content.height()),
			listener);
		return new RgbImage(width, content.height(), result);
	}

	/**
	 * Stylizes pixels packed as {@code 0xRRGGBB} into {@code target}, which may
	 * be {@code source} itself: a row is written only once no tile still to come
	 * reads it. Beyond the two arrays the heap holds one row of tiles as floats
	 * and the shrunk copy, so that an image of 8192² needs its 256 MB and not the
	 * 50 bytes a pixel that float copies of input and result took. Each value is
	 * the float result rounded to the nearest of 256 levels.
	 *
	 * @throws CancellationException if the calling thread is interrupted; checked
	 *           before each run
	 * @throws IllegalArgumentException if a side is shorter than
	 *           {@value TransformerNet#MIN_SIZE}
	 */
	public void stylize(int width, int height, int[] source, int[] target,
		TileListener listener)
	{
		if (target.length != source.length) throw new IllegalArgumentException(
			"The target must have as many pixels as the source");
		stylize(Pixels.packed(width, height, source), packedInto(target, width),
			listener);
	}

	private void stylize(Pixels content, RowSink sink, TileListener listener) {
		int width = content.width();
		int height = content.height();
		if (width < TransformerNet.MIN_SIZE || height < TransformerNet.MIN_SIZE)
			throw new IllegalArgumentException(
				"Fast style models need images of at least " + TransformerNet.MIN_SIZE +
					"×" + TransformerNet.MIN_SIZE + " pixels; this one is " + width +
					"×" + height);
		TileAxis columns = new TileAxis(width, tileSize, overlap);
		TileAxis rows = new TileAxis(height, tileSize, overlap);
		int total = runs(width, height);
		int before = total - columns.count() * rows.count();
		try (NDManager manager = NDManager.newBaseManager(net.device())) {
			InstanceStatistics statistics = InstanceStatistics.OWN;
			if (before > 0) {
				RgbImage shrunk = Downscale.toPixelBudget(content, (long) tileSize *
					tileSize, TransformerNet.MIN_SIZE);
				statistics = statisticsOf(manager, shrunk);
				listener.tileDone(before, total);
			}
			stylizeTiles(manager, content, columns, rows, statistics, (done,
				tiles) -> listener.tileDone(before + done, total), sink);
		}
	}

	/**
	 * The InstanceNorm statistics the network computes for an image as a whole.
	 */
	RecordedStatistics statisticsOf(NDManager manager, RgbImage image) {
		RecordedStatistics recorded = new RecordedStatistics();
		run(manager, image, recorded);
		recorded.freeze();
		return recorded;
	}

	/**
	 * One pass over all tiles, each normalized as {@code statistics} says,
	 * blended into a new image.
	 */
	RgbImage stylizeTiles(NDManager manager, RgbImage content, TileAxis columns,
		TileAxis rows, InstanceStatistics statistics, TileListener listener)
	{
		float[] result = new float[3 * content.width() * content.height()];
		stylizeTiles(manager, Pixels.of(content), columns, rows, statistics,
			listener, planarInto(result, content.width(), content.height()));
		return new RgbImage(content.width(), content.height(), result);
	}

	/**
	 * Finished rows of the result, handed over in order: row {@code y + i},
	 * channel {@code c}, column {@code x} is
	 * {@code window[(c * windowRows + i) * width + x]}, a blended value not yet
	 * clamped.
	 */
	private interface RowSink {

		void rows(int y, int count, float[] window, int windowRows);
	}

	private static RowSink planarInto(float[] result, int width, int height) {
		return (y, count, window, windowRows) -> {
			for (int c = 0; c < 3; c++)
				for (int i = 0; i < count; i++) {
					int from = (c * windowRows + i) * width;
					int to = (c * height + y + i) * width;
					// Weights that sum to 1 in float arithmetic can leave a value an ulp
					// outside [0,1].
					for (int x = 0; x < width; x++)
						result[to + x] = Math.min(1f, Math.max(0f, window[from + x]));
				}
		};
	}

	private static RowSink packedInto(int[] target, int width) {
		return (y, count, window, windowRows) -> {
			int plane = windowRows * width;
			for (int i = 0; i < count; i++)
				for (int x = 0; x < width; x++) {
					int at = i * width + x;
					target[(y + i) * width + x] = level(window[at]) << 16 | level(
						window[plane + at]) << 8 | level(window[2 * plane + at]);
				}
		};
	}

	private static int level(float v) {
		return Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
	}

	/**
	 * Tiles row by row, blended into a window of the rows the current row of
	 * tiles covers; rows above the next row of tiles are final and go to
	 * {@code sink}, so the floats held are one row of tiles, whatever the image's
	 * height. Every pixel gets its tiles' contributions in the same order as a
	 * whole-image buffer would, so the sums are the same to the bit.
	 */
	private void stylizeTiles(NDManager manager, Pixels content, TileAxis columns,
		TileAxis rows, InstanceStatistics statistics, TileListener listener,
		RowSink sink)
	{
		int width = content.width();
		int windowRows = 0;
		for (int row = 0; row < rows.count(); row++)
			windowRows = Math.max(windowRows, rows.size(row));
		float[] window = new float[3 * width * windowRows];
		int top = 0;
		int bottom = 0;
		int done = 0;
		for (int row = 0; row < rows.count(); row++) {
			int start = rows.start(row);
			top = flush(window, windowRows, width, top, bottom, start, sink);
			bottom = Math.max(bottom, start + rows.size(row));
			for (int column = 0; column < columns.count(); column++) {
				Tile tile = new Tile(columns.start(column), start, columns.size(column),
					rows.size(row));
				float[] styled = run(manager, tile.extract(content), statistics);
				tile.blend(styled, columns, column, rows, row, window, width,
					windowRows, top);
				listener.tileDone(++done, columns.count() * rows.count());
			}
		}
		flush(window, windowRows, width, top, bottom, bottom, sink);
	}

	/**
	 * Hands rows {@code top} to {@code upTo} to the sink and moves the rest of
	 * the window up; returns the new top.
	 */
	private static int flush(float[] window, int windowRows, int width, int top,
		int bottom, int upTo, RowSink sink)
	{
		int count = upTo - top;
		if (count <= 0) return top;
		sink.rows(top, count, window, windowRows);
		int kept = Math.max(0, bottom - upTo);
		for (int c = 0; c < 3; c++) {
			int plane = c * windowRows * width;
			System.arraycopy(window, plane + count * width, window, plane, kept *
				width);
			java.util.Arrays.fill(window, plane + kept * width, plane + windowRows *
				width, 0f);
		}
		return upTo;
	}

	/** Network output for one image, in [0,1], the size of the image. */
	private float[] run(NDManager manager, RgbImage image,
		InstanceStatistics statistics)
	{
		if (Thread.currentThread().isInterrupted()) throw new CancellationException(
			"Stylization cancelled");
		int w = image.width();
		int h = image.height();
		try (NDManager scope = manager.newSubManager()) {
			NDArray input = Scalars.times(scope.create(image.planes(), new Shape(1, 3,
				h, w)), 255f);
			// As pytorch/examples runs it: the image as it is. Its two stride-2
			// convolutions round odd
			// sides up, so the output is cropped back; padding the input instead
			// changes the last rows.
			NDArray output = net.forward(input, statistics);
			return Scalars.dividedBy(output.get(":, :, :{}, :{}", h, w).clip(0f,
				255f), 255f).toFloatArray();
		}
	}

	/** A rectangle of the image that goes through the network in one piece. */
	private record Tile(int x, int y, int width, int height) {

		RgbImage extract(Pixels image) {
			float[] dst = new float[3 * width * height];
			for (int c = 0; c < 3; c++)
				for (int row = 0; row < height; row++)
					image.read(c, y + row, x, width, dst, (c * height + row) * width);
			return new RgbImage(width, height, dst);
		}

		/** Adds the tile's weighted output to the window, whose first row is image row {@code top}. */
		void blend(float[] styled, TileAxis columns, int column, TileAxis rows, int row, float[] window,
			int imageWidth, int windowRows, int top)
		{
			for (int c = 0; c < 3; c++)
				for (int r = 0; r < height; r++) {
					float rowWeight = rows.weight(row, r);
					if (rowWeight == 0) continue;
					int target = (c * windowRows + y - top + r) * imageWidth + x;
					int source = (c * height + r) * width;
					for (int k = 0; k < width; k++)
						window[target + k] += rowWeight * columns.weight(column, k) * styled[source + k];
				}
		}
	}
}
