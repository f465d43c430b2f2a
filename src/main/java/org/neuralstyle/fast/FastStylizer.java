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

import org.neuralstyle.tensor.NoGradient;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.Devices;
import org.neuralstyle.tensor.Scalars;

/**
 * Stylizes images of any size with a {@link TransformerNet}, exactly: the
 * result is the network's output for the whole image, as pytorch/examples
 * computes it (the image goes through as it is; the network rounds odd sides up
 * to a multiple of 4 and the output is cropped back). An image that fits in
 * memory goes through in one piece; a larger one, or any image when a tile size
 * is given, goes through {@link ExactTiling}, which gives the same output up to
 * float rounding in memory bounded by the tile, at about 2.5 times the
 * arithmetic.
 */
public final class FastStylizer {

	/** Tile size meaning: in one piece when the image fits in memory. */
	public static final int AUTOMATIC = -1;
	/** Tile size meaning: always in one piece. */
	public static final int ONE_PIECE = 0;
	public static final int DEFAULT_TILE_SIZE = AUTOMATIC;
	/**
	 * Smallest tile side: below it the halo of {@value CellGrid#HALO} cells
	 * ({@value CellGrid#CELL} pixels each) on each side is most of the work.
	 */
	public static final int MIN_TILE_SIZE = 4 * CellGrid.HALO * CellGrid.CELL;
	/**
	 * Native memory one untiled run takes per pixel of its input: the largest
	 * full-size activations alive at once (64 channels upsampled, their padded
	 * copy and the next layer's output) and the convolutions' workspace. Peak
	 * resident memory grew by 956 bytes a pixel from 512² to 1024²; see
	 * docs/fast-tiling.md.
	 */
	static final long BYTES_PER_PIXEL = 1000;
	/**
	 * The most memory an automatic choice gives one tile, whatever is free: an
	 * image of 8192² then stays within 2.5 GB of resident memory, and larger
	 * tiles save little (the halo is 5% of a 716-pixel tile's work).
	 */
	static final long TILE_WORKING_SET_CAP = 1L << 29;

	private final TransformerNet net;
	private final int tile;

	/** Tiles only when the image does not fit in memory. */
	public FastStylizer(TransformerNet net) {
		this(net, AUTOMATIC);
	}

	/**
	 * @param tile largest tile side in pixels, at least {@value #MIN_TILE_SIZE};
	 *          memory grows with its square. {@value #AUTOMATIC}: tiles only when
	 *          the image does not fit; {@value #ONE_PIECE}: never
	 * @throws IllegalArgumentException for other values below
	 *           {@value #MIN_TILE_SIZE}
	 */
	public FastStylizer(TransformerNet net, int tile) {
		check(tile);
		this.net = net;
		this.tile = tile;
	}

	/**
	 * @throws IllegalArgumentException saying what to use, if {@code tile} is
	 *           neither automatic, one piece, nor at least
	 *           {@value #MIN_TILE_SIZE}
	 */
	public static void check(int tile) {
		if (tile != AUTOMATIC && tile != ONE_PIECE && tile < MIN_TILE_SIZE)
			throw new IllegalArgumentException("A tile of " + tile +
				" pixels cannot hold the halo of " + CellGrid.HALO * CellGrid.CELL +
				" pixels on each side that makes tiles exact: use at least " +
				MIN_TILE_SIZE + ", " + ONE_PIECE + " for one piece, or " + AUTOMATIC +
				" to tile only when the image does not fit in memory.");
	}

	/**
	 * The tile side for an image of this size: 0 for one piece.
	 */
	int tileFor(int width, int height) {
		if (tile != AUTOMATIC) return tile >= width && tile >= height ? ONE_PIECE
			: tile;
		// In one piece whenever it fits: tiles cost about 2.5 times the arithmetic.
		long available = Devices.availableMemory(net.device());
		if ((long) width * height * BYTES_PER_PIXEL <= available) return ONE_PIECE;
		long budget = Math.min(available, TILE_WORKING_SET_CAP);
		int window = (int) Math.sqrt((double) budget / BYTES_PER_PIXEL);
		int core = (window - 2 * CellGrid.HALO * CellGrid.CELL) / CellGrid.CELL *
			CellGrid.CELL;
		return Math.max(MIN_TILE_SIZE, core);
	}

	/**
	 * Network runs for an image of this size, what a {@link TileListener} counts
	 * to: 1 in one piece, {@value ExactTiling#PASSES} for each tile otherwise.
	 */
	public int runs(int width, int height) {
		int side = tileFor(width, height);
		return side == ONE_PIECE ? 1 : new ExactTiling(net, new CellGrid(width,
			height, side)).runs();
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
		int width = content.width(), height = content.height();
		float[] result = new float[3 * width * height];
		stylize(Pixels.of(content), (x, y, w, h, planes) -> {
			for (int c = 0; c < 3; c++)
				for (int row = 0; row < h; row++)
					System.arraycopy(planes, (c * h + row) * w, result, (c * height + y +
						row) * width + x, w);
		}, listener);
		return new RgbImage(width, height, result);
	}

	/**
	 * Stylizes pixels packed as {@code 0xRRGGBB} into {@code target}, which may
	 * be {@code source} itself: the source is read in full before the first
	 * result is written. Beyond the two arrays the heap holds a tile's pixels as
	 * floats (and, when tiling, activations at a quarter of the size, in a
	 * temporary file when large), so that an image of 8192² needs its 256 MB and
	 * not the 50 bytes a pixel of float copies. Each value is the float result
	 * rounded to the nearest of 256 levels.
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
		stylize(Pixels.packed(width, height, source), (x, y, w, h, planes) -> {
			int plane = w * h;
			for (int row = 0; row < h; row++)
				for (int k = 0; k < w; k++) {
					int at = row * w + k;
					target[(y + row) * width + x + k] = level(planes[at]) << 16 | level(
						planes[plane + at]) << 8 | level(planes[2 * plane + at]);
				}
		}, listener);
	}

	private static int level(float v) {
		return Math.round(v * 255f);
	}

	private void stylize(Pixels content, ExactTiling.Sink sink,
		TileListener listener)
	{
		int width = content.width(), height = content.height();
		if (width < TransformerNet.MIN_SIZE || height < TransformerNet.MIN_SIZE)
			throw new IllegalArgumentException(
				"Fast style models need images of at least " + TransformerNet.MIN_SIZE +
					"×" + TransformerNet.MIN_SIZE + " pixels; this one is " + width +
					"×" + height);
		int side = tileFor(width, height);
		// Inference: nothing to differentiate, whichever thread this runs on.
		try (NoGradient inference = NoGradient.enter();
				NDManager manager = NDManager.newBaseManager(net.device()))
		{
			if (side == ONE_PIECE) {
				sink.put(0, 0, width, height, whole(manager, content));
				listener.tileDone(1, 1);
			}
			else new ExactTiling(net, new CellGrid(width, height, side)).run(manager,
				content, sink, listener);
		}
	}

	/**
	 * The network's output for the whole image, in [0,1], cropped to its size.
	 */
	private float[] whole(NDManager manager, Pixels content) {
		if (Thread.currentThread().isInterrupted()) throw new CancellationException(
			"Stylization cancelled");
		int w = content.width(), h = content.height();
		float[] planes = new float[3 * w * h];
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < h; y++)
				content.read(c, y, 0, w, planes, (c * h + y) * w);
		try (NDManager scope = manager.newSubManager()) {
			NDArray input = Scalars.times(scope.create(planes, new Shape(1, 3, h, w)),
				255f);
			// As pytorch/examples runs it: the image as it is. Its two stride-2
			// convolutions round odd sides up, so the output is cropped back; padding
			// the input instead changes the last rows.
			NDArray output = net.forward(input);
			return Scalars.dividedBy(output.get(":, :, :{}, :{}", h, w).clip(0f,
				255f), 255f).toFloatArray();
		}
	}
}
