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

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.neuralstyle.image.Resampling;
import org.neuralstyle.net.Devices;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;
import org.neuralstyle.optim.Lbfgs;
import org.neuralstyle.optim.OptimizerKind;

/**
 * What a run will cost before it starts: its time and peak memory, and whether
 * that fits. An estimate, not a promise: the memory is counted from the arrays
 * the run holds (see {@link TileGrid#bytesPerPixel}), the time from the FLOPs
 * of its evaluations against a measured matrix-multiply throughput. Each front
 * end prints {@link #summary()} and, when the run does not fit, ends with
 * {@link #advice()}.
 */
public final class RunEstimate {

	/**
	 * Seconds per evaluation over the FLOP floor (FLOPs ÷ GEMM throughput).
	 * docs/benchmarks.md measured 1.25–2.6× on CPUs, so 2 puts a typical run near
	 * the middle of that range.
	 */
	public static final double FLOOR_RATIO = 2;

	/**
	 * The process before any image: the JVM and PyTorch's libraries. Peak
	 * resident memory of a 64×64 {@code bench optimize} on Linux was 0.29 GB (see
	 * docs/benchmarks.md).
	 */
	public static final long PROCESS_BYTES = 300L << 20;

	/**
	 * Float copies of the working image the Java side holds: content, working
	 * copy, result, snapshot.
	 */
	static final int HOST_IMAGE_COPIES = 4;

	private final int width;
	private final int height;
	private final int tile;
	private final int tiles;
	private final double evaluationFlops;
	private final double seconds;
	private final long peakBytes;
	private final long freeBytes;
	private final double gflops;
	private final int iterations;
	private final String advice;
	private final int fittingLongSide;

	private RunEstimate(int width, int height, int tile, int tiles,
		double evaluationFlops, double seconds, long peakBytes, long freeBytes,
		double gflops, int iterations, String advice, int fittingLongSide)
	{
		this.fittingLongSide = fittingLongSide;
		this.width = width;
		this.height = height;
		this.tile = tile;
		this.tiles = tiles;
		this.evaluationFlops = evaluationFlops;
		this.seconds = seconds;
		this.peakBytes = peakBytes;
		this.freeBytes = freeBytes;
		this.gflops = gflops;
		this.iterations = iterations;
		this.advice = advice;
	}

	/**
	 * The estimate for a content image of {@code contentWidth × contentHeight}
	 * under {@code s}, with {@code freeBytes} of memory free on the device
	 * (automatic tiles get half of it, as {@link Devices#availableMemory} gives
	 * them) and a throughput of {@code gflops} GFLOP/s. {@code styled}: whether a
	 * style loss is computed (a style image and a positive style weight).
	 */
	public static RunEstimate of(List<VggLayer> layout, StyleTransferSettings s,
		int contentWidth, int contentHeight, boolean styled, long freeBytes,
		double gflops)
	{
		int[] size = workingSize(contentWidth, contentHeight, s.maxSize);
		RunEstimate e = at(layout, s, size[0], size[1], styled, freeBytes, gflops);
		if (e.fits()) return e;
		// What would fit: the largest long side under the same settings, by
		// bisection (the
		// estimate grows with the size).
		int lo = 0, hi = Math.max(size[0], size[1]);
		while (hi - lo > 1) {
			int mid = (lo + hi) >>> 1;
			int[] m = Resampling.fitLongSide(contentWidth, contentHeight, mid);
			if (at(layout, s, m[0], m[1], styled, freeBytes, gflops).fits()) lo = mid;
			else hi = mid;
		}
		int minimum = Vgg.minimumSide(layout, Vgg.deepest(layout, usedLayers(s,
			styled)));
		String what = lo >= minimum ? String.format(Locale.ROOT,
			"A long side of at most %d pixels would fit%s.", lo, s.tile > 0
				? ", or automatic tiles at this size if they fit" : "")
			: "Not even the smallest image fits: use layers nearer the input, or a machine with more memory.";
		return new RunEstimate(e.width, e.height, e.tile, e.tiles,
			e.evaluationFlops, e.seconds, e.peakBytes, freeBytes, gflops,
			e.iterations, (e.advice == null ? "" : e.advice + " ") + what,
			lo >= minimum ? lo : 0);
	}

	/**
	 * {@link #of} on {@code device}: the memory free there now and a small matrix
	 * product timed there (a fraction of a second).
	 */
	public static RunEstimate measure(List<VggLayer> layout,
		StyleTransferSettings s, int contentWidth, int contentHeight,
		boolean styled, Device device)
	{
		return of(layout, s, contentWidth, contentHeight, styled, 2 * Devices
			.availableMemory(device), gemmThroughput(device, 512));
	}

	/** The estimate at a working size already chosen. */
	static RunEstimate at(List<VggLayer> layout, StyleTransferSettings s,
		int width, int height, boolean styled, long freeBytes, double gflops)
	{
		Set<String> used = usedLayers(s, styled);
		List<VggLayer> layers = layout.subList(0, layout.indexOf(layer(layout, Vgg
			.deepest(layout, used))) + 1);
		long pixels = (long) width * height;
		String problem = null;
		int tile;
		if (s.tile == StyleTransferSettings.TILE_AUTOMATIC) {
			try {
				tile = TileGrid.automatic(layers, height, width, Math.min(freeBytes / 2,
					TileGrid.WORKING_SET_CAP));
			}
			catch (IllegalArgumentException notEvenTiled) {
				tile = TileGrid.align(layers);
				problem = notEvenTiled.getMessage();
			}
		}
		else tile = s.tile;

		// FLOPs and working set of one evaluation: over the tiles' windows, which
		// overlap by their halos.
		double flops = 0, window = 0;
		int tiles = 1;
		if (tile == 0 || (tile >= Math.max(width, height))) {
			tile = 0;
			flops = evaluationFlops(layout, s, styled, height, width);
			window = pixels;
		}
		else {
			TileGrid grid = TileGrid.of(layers, height, width, tile);
			tiles = grid.tiles().size();
			for (TileGrid.Tile t : grid.tiles()) {
				int h = t.windowBottom() - t.windowTop(), w = t.windowRight() - t
					.windowLeft();
				flops += evaluationFlops(layout, s, styled, h, w);
				window = Math.max(window, (double) h * w);
			}
		}
		double bytes = TileGrid.bytesPerPixel(layers) * window;
		// Arrays of the whole image that live through the run: the pixels and their
		// gradient, the
		// optimizer's state and, when tiled, the content targets and the gradient
		// being assembled.
		double image = 3.0 * 4 * pixels;
		double state = 2 * image;
		if (s.optimizer == OptimizerKind.ADAM) state += 2 * image;
		else state += (2.0 * Lbfgs.historyCapacity(100, 3L * pixels, 4,
			s.historyBudgetBytes) + 3) * image;
		if (tile > 0) {
			state += image;
			for (String c : s.contentLayers.keySet())
				if (s.contentWeight > 0) {
					int scale = TileGrid.scale(layout, c);
					state += 4.0 * layer(layout, c).outChannels() * pixels /
						((double) scale * scale);
				}
		}
		double host = HOST_IMAGE_COPIES * image;
		long peak = (long) (PROCESS_BYTES + bytes + state + host);
		if (problem == null && peak - PROCESS_BYTES > freeBytes) problem = String
			.format(Locale.ROOT,
				"The estimated peak memory, %s, is more than the %s free.", megabytes(
					peak), megabytes(freeBytes));
		// The targets: one forward pass of the content and of a style image of
		// about its size.
		double targets = Vgg.forwardFlops(layout, Vgg.deepest(layout, used), height,
			width) * (styled ? 1 + s.styleScale * s.styleScale : 1);
		double seconds = FLOOR_RATIO * (s.iterations * flops + targets) / (gflops *
			1e9);
		return new RunEstimate(width, height, tile, tiles, flops, seconds, peak,
			freeBytes, gflops, s.iterations, problem, 0);
	}

	/**
	 * FLOPs of one evaluation at {@code h × w}: the forward pass to the deepest
	 * loss layer, the backward pass to the image (input gradients only, about the
	 * forward's cost; no weight gradients), and the Gram matrices of the style
	 * layers with their gradients.
	 */
	public static double evaluationFlops(List<VggLayer> layout,
		StyleTransferSettings s, boolean styled, int h, int w)
	{
		double conv = Vgg.forwardFlops(layout, Vgg.deepest(layout, usedLayers(s,
			styled)), h, w);
		double gram = 0;
		long hh = h, ww = w;
		for (VggLayer l : layout) {
			if (styled && s.styleLayers.containsKey(l.name())) gram += 2.0 * l
				.outChannels() * l.outChannels() * hh * ww;
			if (l.kind() == VggLayer.Kind.POOL) {
				hh /= 2;
				ww /= 2;
			}
		}
		return 2 * conv + 3 * gram;
	}

	/**
	 * GFLOP/s of a float32 n×n matrix product on the device, the best of a few
	 * after a warm-up. At n = 512 this takes a few hundredths of a second on a
	 * CPU.
	 */
	public static double gemmThroughput(Device device, int n) {
		try (NDManager m = NDManager.newBaseManager(device)) {
			NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
			NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
			double best = Double.MAX_VALUE;
			for (int i = 0; i < 6; i++) {
				try (NDManager scope = m.newSubManager()) {
					a.tempAttach(scope);
					long t0 = System.nanoTime();
					NDArray c = a.matMul(b);
					c.getFloat(0, 0); // wait for the device
					double t = (System.nanoTime() - t0) / 1e9;
					if (i > 0) best = Math.min(best, t);
				}
			}
			return 2.0 * n * n * n / best / 1e9;
		}
	}

	/**
	 * The working size: the content's, or smaller so that its long side is at
	 * most {@code maxSize} (0: no limit).
	 */
	public static int[] workingSize(int width, int height, int maxSize) {
		if (maxSize == 0 || Math.max(width, height) <= maxSize) return new int[] {
			width, height };
		return Resampling.fitLongSide(width, height, maxSize);
	}

	private static Set<String> usedLayers(StyleTransferSettings s,
		boolean styled)
	{
		Set<String> used = new LinkedHashSet<>();
		if (s.contentWeight > 0) used.addAll(s.contentLayers.keySet());
		if (styled && s.styleWeight > 0) used.addAll(s.styleLayers.keySet());
		if (used.isEmpty()) used.addAll(s.contentLayers.keySet());
		return used;
	}

	private static VggLayer layer(List<VggLayer> layout, String name) {
		for (VggLayer l : layout)
			if (l.name().equals(name)) return l;
		throw new IllegalArgumentException("No layer " + name);
	}

	private static String megabytes(long bytes) {
		return bytes >= 10L << 30 ? String.format(Locale.ROOT, "%.0f GB", bytes /
			1073741824.0) : bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB",
				bytes / 1073741824.0) : String.format(Locale.ROOT, "%d MB",
					bytes >> 20);
	}

	private static String duration(double seconds) {
		if (seconds < 90) return String.format(Locale.ROOT, "%.0f s", Math.max(1,
			seconds));
		if (seconds < 5400) return String.format(Locale.ROOT, "%.0f min", seconds /
			60);
		return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
	}

	/** Whether the peak memory fits in what is available. */
	public boolean fits() {
		return advice == null;
	}

	/** When it does not fit: why, and what would. Null when it fits. */
	public String advice() {
		return advice;
	}

	/**
	 * When the run does not fit: the largest long side that would, under the same
	 * settings (for the front end to name its own option); 0 when it fits or when
	 * none would.
	 */
	public int fittingLongSide() {
		return fittingLongSide;
	}

	/** One line for a log: size, tiles, time and memory, called an estimate. */
	public String summary() {
		String tiling = tile == 0 ? "untiled" : String.format(Locale.ROOT,
			"%d tiles of %d px", tiles, tile);
		return String.format(Locale.ROOT,
			"Estimate for %d×%d, %s: about %s for %d iterations (%.1f GFLOP each at %.0f GFLOP/s measured, ×%.0f), peak memory about %s, %s free.",
			width, height, tiling, duration(seconds), iterations, evaluationFlops /
				1e9, gflops, FLOOR_RATIO, megabytes(peakBytes), megabytes(freeBytes));
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The tile side chosen (0: untiled). */
	public int tile() {
		return tile;
	}

	public int tiles() {
		return tiles;
	}

	public double evaluationFlops() {
		return evaluationFlops;
	}

	public double seconds() {
		return seconds;
	}

	public long peakBytes() {
		return peakBytes;
	}
}
