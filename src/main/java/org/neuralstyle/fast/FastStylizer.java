package org.neuralstyle.fast;

import java.util.concurrent.CancellationException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.tensor.Scalars;

/**
 * Stylizes images of any size with a {@link TransformerNet} in bounded memory: the image is cut
 * into overlapping tiles, each tile goes through the network on its own, and the outputs are
 * blended across the overlaps with a cosine ramp so that no seam shows. Memory grows with the
 * tile size, not the image size. Each tile is reflection-padded to a multiple of 4 (what the
 * network's two stride-2 convolutions need to return the size they got) and cropped back.
 *
 * <p>InstanceNorm normalizes by statistics of the whole picture it sees. A tile alone sees only
 * its own: tiles of sky and of roofs come out in different colours, a patchwork no blending hides.
 * With {@link Normalization#WHOLE_IMAGE} (the default) the network first runs once on a copy of
 * the image shrunk to the size of a tile, and every tile is normalized by the statistics recorded
 * there. Natural images have much the same statistics at half or an eighth of their size, so
 * the tiled result comes close to what the network gives for the whole image at once.
 */
public final class FastStylizer {

	/** How the InstanceNorm layers are normalized when an image takes more than one tile. */
	public enum Normalization {
		/** By statistics of the whole image, measured on a shrunk copy: one consistent look. */
		WHOLE_IMAGE,
		/** Each tile by its own statistics: colours may change from tile to tile. */
		PER_TILE
	}

	public static final int DEFAULT_TILE_SIZE = 512;
	/** A quarter of the overlap at each tile edge is not used, beyond the reach of edge effects. */
	public static final int DEFAULT_OVERLAP = 128;
	/** Smaller tiles would be mostly overlap and padding. */
	public static final int MIN_TILE_SIZE = 64;

	private final TransformerNet net;
	private final int tileSize;
	private final int overlap;
	private final Normalization normalization;

	/**
	 * Tiles of {@value #DEFAULT_TILE_SIZE} pixels overlapping by {@value #DEFAULT_OVERLAP},
	 * normalized as the whole image.
	 */
	public FastStylizer(TransformerNet net) {
		this(net, DEFAULT_TILE_SIZE, DEFAULT_OVERLAP, Normalization.WHOLE_IMAGE);
	}

	/**
	 * @param tileSize largest tile side in pixels, at least {@value #MIN_TILE_SIZE}; memory grows
	 *        with its square
	 * @param overlap least overlap of neighbouring tiles in pixels, from 0 to half the tile size
	 */
	public FastStylizer(TransformerNet net, int tileSize, int overlap, Normalization normalization) {
		if (tileSize < MIN_TILE_SIZE) throw new IllegalArgumentException(
			"Tile size must be at least " + MIN_TILE_SIZE + " pixels, got " + tileSize);
		if (overlap < 0 || overlap > tileSize / 2) throw new IllegalArgumentException(
			"Tile overlap must be between 0 and half the tile size (" + tileSize / 2 + " pixels), got " + overlap);
		this.net = net;
		this.tileSize = tileSize;
		this.overlap = overlap;
		this.normalization = normalization;
	}

	/**
	 * Network runs for an image of this size, what a {@link TileListener} counts to: one per
	 * tile, and one more on the shrunk copy when several tiles are normalized as the whole image.
	 */
	public int runs(int width, int height) {
		int tiles = new TileAxis(width, tileSize, overlap).count() * new TileAxis(height, tileSize, overlap).count();
		return tiles > 1 && normalization == Normalization.WHOLE_IMAGE ? tiles + 1 : tiles;
	}

	public RgbImage stylize(RgbImage content) {
		return stylize(content, (done, total) -> {});
	}

	/**
	 * Returns a new stylized image of the same size, values in [0,1]; the input is not changed.
	 *
	 * @param listener told after each network run, out of {@link #runs}
	 * @throws CancellationException if the calling thread is interrupted; checked before each run
	 * @throws IllegalArgumentException if a side is shorter than {@value TransformerNet#MIN_SIZE}
	 */
	public RgbImage stylize(RgbImage content, TileListener listener) {
		int width = content.width();
		int height = content.height();
		if (width < TransformerNet.MIN_SIZE || height < TransformerNet.MIN_SIZE) throw new IllegalArgumentException(
			"Fast style models need images of at least " + TransformerNet.MIN_SIZE + "×" + TransformerNet.MIN_SIZE
				+ " pixels; this one is " + width + "×" + height);
		TileAxis columns = new TileAxis(width, tileSize, overlap);
		TileAxis rows = new TileAxis(height, tileSize, overlap);
		int total = runs(width, height);
		int before = total - columns.count() * rows.count();
		try (NDManager manager = NDManager.newBaseManager(net.device())) {
			InstanceStatistics statistics = InstanceStatistics.OWN;
			if (before > 0) {
				RgbImage shrunk = Downscale.toPixelBudget(content, (long) tileSize * tileSize, TransformerNet.MIN_SIZE);
				statistics = statisticsOf(manager, shrunk);
				listener.tileDone(before, total);
			}
			return stylizeTiles(manager, content, columns, rows, statistics,
				(done, tiles) -> listener.tileDone(before + done, total));
		}
	}

	/** The InstanceNorm statistics the network computes for an image as a whole. */
	RecordedStatistics statisticsOf(NDManager manager, RgbImage image) {
		RecordedStatistics recorded = new RecordedStatistics();
		run(manager, image, recorded);
		recorded.freeze();
		return recorded;
	}

	/** One pass over all tiles, each normalized as {@code statistics} says, blended into a new image. */
	RgbImage stylizeTiles(NDManager manager, RgbImage content, TileAxis columns, TileAxis rows,
		InstanceStatistics statistics, TileListener listener)
	{
		int width = content.width();
		int height = content.height();
		float[] result = new float[3 * width * height];
		int done = 0;
		for (int row = 0; row < rows.count(); row++)
			for (int column = 0; column < columns.count(); column++) {
				Tile tile = new Tile(columns.start(column), rows.start(row), columns.size(column), rows.size(row));
				float[] styled = run(manager, tile.extract(content), statistics);
				tile.blend(styled, columns, column, rows, row, result, width, height);
				listener.tileDone(++done, columns.count() * rows.count());
			}
		// Weights that sum to 1 in float arithmetic can leave a value an ulp outside [0,1].
		for (int i = 0; i < result.length; i++)
			result[i] = Math.min(1f, Math.max(0f, result[i]));
		return new RgbImage(width, height, result);
	}

	/** Network output for one image, in [0,1], the size of the image. */
	private float[] run(NDManager manager, RgbImage image, InstanceStatistics statistics) {
		if (Thread.currentThread().isInterrupted()) throw new CancellationException("Stylization cancelled");
		int w = image.width();
		int h = image.height();
		try (NDManager scope = manager.newSubManager()) {
			NDArray input = Scalars.times(scope.create(image.planes(), new Shape(1, 3, h, w)), 255f);
			NDArray padded = ReflectionPad.pad(input, 0, padToMultipleOf4(h), 0, padToMultipleOf4(w));
			NDArray output = net.forward(padded, statistics);
			return Scalars.dividedBy(output.get(":, :, :{}, :{}", h, w).clip(0f, 255f), 255f).toFloatArray();
		}
	}

	private static int padToMultipleOf4(int size) {
		return (TileAxis.STRIDE - size % TileAxis.STRIDE) % TileAxis.STRIDE;
	}

	/** A rectangle of the image that goes through the network in one piece. */
	private record Tile(int x, int y, int width, int height) {

		RgbImage extract(RgbImage image) {
			float[] src = image.planes();
			float[] dst = new float[3 * width * height];
			for (int c = 0; c < 3; c++)
				for (int row = 0; row < height; row++)
					System.arraycopy(src, (c * image.height() + y + row) * image.width() + x, dst, (c * height + row) * width, width);
			return new RgbImage(width, height, dst);
		}

		void blend(float[] styled, TileAxis columns, int column, TileAxis rows, int row, float[] result,
			int imageWidth, int imageHeight)
		{
			for (int c = 0; c < 3; c++)
				for (int r = 0; r < height; r++) {
					float rowWeight = rows.weight(row, r);
					if (rowWeight == 0) continue;
					int target = (c * imageHeight + y + r) * imageWidth + x;
					int source = (c * height + r) * width;
					for (int k = 0; k < width; k++)
						result[target + k] += rowWeight * columns.weight(column, k) * styled[source + k];
				}
		}
	}
}
