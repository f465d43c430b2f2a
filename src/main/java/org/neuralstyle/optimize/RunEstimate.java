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
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

import org.neuralstyle.image.Resampling;
import org.neuralstyle.net.Devices;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;

/**
 * What a run will cost before it starts: its time and peak memory, and whether
 * that fits. An estimate, not a promise: the memory is counted from the arrays
 * the run holds (see {@link TileGrid#bytesPerPixel}), the time from the FLOPs
 * of its evaluations against a measured matrix-multiply throughput. A
 * coarse-to-fine run is counted scale by scale, each at its size, tiles and
 * share of the iterations: the times add up, the peak is the largest scale's.
 * Each front end prints {@link #summary()} and, when the run does not fit, ends
 * with {@link #advice()} and the option values that would fit
 * ({@link #fittingTile()}, {@link #fittingLongSide()}).
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
	private final int scales;
	private final int tile;
	private final int tiles;
	private final double evaluationFlops;
	private final double seconds;
	private final long peakBytes;
	private final long freeBytes;
	private final double gflops;
	private final int iterations;
	private final OptimizerMemory optimizer;
	private final String advice;
	private final int fittingLongSide;
	private final int fittingTile;

	private RunEstimate(int width, int height, int scales, int tile, int tiles,
		double evaluationFlops, double seconds, long peakBytes, long freeBytes,
		double gflops, int iterations, OptimizerMemory optimizer, String advice,
		int fittingLongSide, int fittingTile)
	{
		this.width = width;
		this.height = height;
		this.scales = scales;
		this.tile = tile;
		this.tiles = tiles;
		this.evaluationFlops = evaluationFlops;
		this.seconds = seconds;
		this.peakBytes = peakBytes;
		this.freeBytes = freeBytes;
		this.gflops = gflops;
		this.iterations = iterations;
		this.optimizer = optimizer;
		this.advice = advice;
		this.fittingLongSide = fittingLongSide;
		this.fittingTile = fittingTile;
	}

	/**
	 * {@link #of(List, StyleTransferSettings, int, int, boolean, boolean, long, double)}
	 * on the CPU, where the host is the device.
	 */
	public static RunEstimate of(List<VggLayer> layout, StyleTransferSettings s,
		int contentWidth, int contentHeight, boolean styled, long freeBytes,
		double gflops)
	{
		return of(layout, s, contentWidth, contentHeight, styled, true, freeBytes,
			gflops);
	}

	/**
	 * The estimate for a content image of {@code contentWidth × contentHeight}
	 * under {@code s}, with {@code freeBytes} of memory free on the device
	 * (automatic tiles get half of it, as {@link Devices#availableMemory} gives
	 * them) and a throughput of {@code gflops} GFLOP/s. {@code styled}: whether a
	 * style loss is computed (a style image and a positive style weight).
	 * {@code deviceIsHost}: whether the device is the CPU, whose memory the
	 * process and the Java side share with the computation.
	 */
	public static RunEstimate of(List<VggLayer> layout, StyleTransferSettings s,
		int contentWidth, int contentHeight, boolean styled, boolean deviceIsHost,
		long freeBytes, double gflops)
	{
		int[] size = workingSize(contentWidth, contentHeight, s.maxSize);
		RunEstimate e = run(layout, s, s.tile, size[0], size[1], styled,
			deviceIsHost, freeBytes, gflops);
		if (e.fits()) return e;
		// What would fit. First tiles at this size: the largest that does (the
		// memory grows with the tile).
		List<VggLayer> layers = layersInUse(layout, s, styled);
		int align = TileGrid.align(layers), longSide = Math.max(size[0], size[1]);
		int lo = 0, hi = (longSide + align - 1) / align + 1;
		while (hi - lo > 1) {
			int mid = (lo + hi) >>> 1;
			if (run(layout, s, mid * align, size[0], size[1], styled, deviceIsHost,
				freeBytes, gflops).fits()) lo = mid;
			else hi = mid;
		}
		int tile = lo * align;
		// A tile is advice only where it changes something: a smaller one than the
		// run would use.
		if (tile >= (e.tile == 0 ? longSide : e.tile)) tile = 0;
		// Then the largest long side under the same settings, by bisection (the
		// estimate grows with the size).
		lo = 0;
		hi = longSide;
		while (hi - lo > 1) {
			int mid = (lo + hi) >>> 1;
			int[] m = Resampling.fitLongSide(contentWidth, contentHeight, mid);
			if (run(layout, s, s.tile, m[0], m[1], styled, deviceIsHost, freeBytes,
				gflops).fits()) lo = mid;
			else hi = mid;
		}
		int minimum = Vgg.minimumSide(layout, Vgg.deepest(layout, usedLayers(s,
			styled)));
		int side = lo >= minimum ? lo : 0;
		StringBuilder what = new StringBuilder();
		if (tile > 0) what.append(String.format(Locale.ROOT,
			"Tiles of at most %d pixels would fit at this size.", tile));
		if (side > 0) what.append(what.length() > 0 ? " " : "").append(String
			.format(Locale.ROOT,
				"A long side of at most %d pixels would fit with these settings.",
				side));
		if (what.length() == 0) what.append(
			"Not even the smallest image fits: use layers nearer the input, or a machine with more memory.");
		return new RunEstimate(e.width, e.height, e.scales, e.tile, e.tiles,
			e.evaluationFlops, e.seconds, e.peakBytes, freeBytes, gflops,
			e.iterations, e.optimizer, e.advice + " " + what, side, tile);
	}

	/**
	 * {@link #of} on {@code device}: the memory free there now and a small matrix
	 * product timed there (a fraction of a second).
	 */
	public static RunEstimate measure(List<VggLayer> layout,
		StyleTransferSettings s, int contentWidth, int contentHeight,
		boolean styled, Device device)
	{
		return of(layout, s, contentWidth, contentHeight, styled, !device.isGpu(),
			2 * Devices.availableMemory(device), gemmThroughput(device, 512));
	}

	/**
	 * The whole run at a working size, with tile setting {@code tileSetting}:
	 * each scale at its size and share of the iterations. The time is the sum,
	 * the peak memory the largest scale's (each scale's arrays are freed before
	 * the next), and the figures per evaluation are the last scale's.
	 */
	private static RunEstimate run(List<VggLayer> layout, StyleTransferSettings s,
		int tileSetting, int width, int height, boolean styled,
		boolean deviceIsHost, long freeBytes, double gflops)
	{
		if (s.scales <= 1) return at(layout, s, tileSetting, width, height, styled,
			deviceIsHost, freeBytes, gflops, s.iterations, (long) width * height);
		int longSide = Math.max(width, height);
		List<int[]> sizes = GatysStylizer.scaleSizes(width, height, s.scales, Math
			.min(s.minSize, longSide));
		int[] shares = GatysStylizer.iterationShares(s.iterations, s.scales);
		double seconds = 0;
		RunEstimate peak = null, last = null;
		for (int k = 0; k < sizes.size(); k++) {
			RunEstimate e = at(layout, s, tileSetting, sizes.get(k)[0], sizes.get(
				k)[1], styled, deviceIsHost, freeBytes, gflops, shares[k],
				(long) width * height);
			seconds += e.seconds;
			if (peak == null || e.peakBytes > peak.peakBytes || !e.fits()) peak = e;
			last = e;
		}
		String problem = last.fits() ? peak.advice : last.advice;
		return new RunEstimate(width, height, s.scales, last.tile, last.tiles,
			last.evaluationFlops, seconds, peak.peakBytes, freeBytes, gflops,
			s.iterations, peak.optimizer, problem, 0, 0);
	}

	/**
	 * One scale: {@code iterations} evaluations at {@code width × height}, the
	 * Java side holding images of {@code hostPixels} (the run's working size).
	 */
	static RunEstimate at(List<VggLayer> layout, StyleTransferSettings s,
		int tileSetting, int width, int height, boolean styled,
		boolean deviceIsHost, long freeBytes, double gflops, int iterations,
		long hostPixels)
	{
		List<VggLayer> layers = layersInUse(layout, s, styled);
		Set<String> used = usedLayers(s, styled);
		long pixels = (long) width * height;
		String problem = null;
		int tile;
		if (tileSetting == StyleTransferSettings.TILE_AUTOMATIC) {
			try {
				tile = TileGrid.automatic(layers, height, width, Math.min(freeBytes / 2,
					TileGrid.WORKING_SET_CAP));
			}
			catch (IllegalArgumentException notEvenTiled) {
				tile = TileGrid.align(layers);
				problem = notEvenTiled.getMessage();
			}
		}
		else tile = tileSetting;

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
			// The grid's windows (see TileGrid) come in a few sizes per axis (the
			// first, the inner ones, the last): count each pair once, however many
			// tiles there are.
			int core = TileGrid.aligned(layers, tile), halo = TileGrid.halo(layers);
			Map<Integer, Integer> rows = windowLengths(height, core, halo), columns =
				windowLengths(width, core, halo);
			tiles = 0;
			for (Map.Entry<Integer, Integer> r : rows.entrySet())
				for (Map.Entry<Integer, Integer> c : columns.entrySet()) {
					int count = r.getValue() * c.getValue();
					tiles += count;
					flops += count * evaluationFlops(layout, s, styled, r.getKey(), c
						.getKey());
					window = Math.max(window, (double) r.getKey() * c.getKey());
				}
		}
		// What the run holds on the device besides the optimizer's state: one
		// evaluation's working set and, when tiled, the gradient the tiles add up
		// (see tiledBytes); on the CPU also the Java side's images.
		double held = TileGrid.bytesPerPixel(layers) * window;
		if (tile > 0) held += tiledBytes(layout, s, pixels, window);
		double host = HOST_IMAGE_COPIES * 3.0 * 4 * hostPixels;
		if (deviceIsHost) held += host;
		OptimizerMemory state = OptimizerMemory.plan(s, 3 * pixels, deviceIsHost,
			freeBytes, (long) held);
		double device = held + state.deviceBytes();
		// The peak reported: the process's on the CPU, the device's on a GPU.
		long peak = (long) (deviceIsHost ? PROCESS_BYTES + device : device);
		if (problem == null && device > freeBytes) problem = String.format(
			Locale.ROOT, "The estimated peak memory%s, %s, is more than the %s free.",
			deviceIsHost ? "" : " on the device", megabytes(peak), megabytes(
				freeBytes));
		// The targets: one forward pass of the content and of a style image of
		// about its size.
		double targets = Vgg.forwardFlops(layout, Vgg.deepest(layout, used), height,
			width) * (styled ? 1 + s.styleScale * s.styleScale : 1);
		double seconds = FLOOR_RATIO * (iterations * flops + targets) / (gflops *
			1e9);
		return new RunEstimate(width, height, 1, tile, tiles, flops, seconds, peak,
			freeBytes, gflops, iterations, state, problem, 0, 0);
	}

	/**
	 * The window lengths of a {@link TileGrid} along one axis of {@code size}
	 * pixels, with how many tiles have each.
	 */
	static Map<Integer, Integer> windowLengths(int size, int tile, int halo) {
		Map<Integer, Integer> lengths = new TreeMap<>();
		for (int start = 0; start < size; start += tile) {
			int end = Math.min(size, start + tile);
			lengths.merge(Math.min(size, end + halo) - Math.max(0, start - halo), 1,
				Integer::sum);
		}
		return lengths;
	}

	/**
	 * Bytes a tiled evaluation holds besides the tile's working set: the whole
	 * image's gradient being assembled, and one tile's content targets, read back
	 * from their file (see {@link ContentTargets}) for a window of {@code window}
	 * pixels.
	 */
	static double tiledBytes(List<VggLayer> layout, StyleTransferSettings s,
		long pixels, double window)
	{
		double bytes = 3.0 * 4 * pixels;
		if (s.contentWeight > 0) for (String c : s.contentLayers.keySet()) {
			int scale = TileGrid.scale(layout, c);
			bytes += 4.0 * layer(layout, c).outChannels() * window / ((double) scale *
				scale);
		}
		return bytes;
	}

	/**
	 * FLOPs of one evaluation at {@code h × w}: the forward pass to the deepest
	 * loss layer, the backward pass to the image (input gradients only, about the
	 * forward's cost; no weight gradients), and the Gram matrices of the style
	 * layers with their gradients, counted as autograd computes F·Fᵀ: three C×HW
	 * products (the engine needs two, see
	 * {@link org.neuralstyle.loss.GramMatrix#product}; the benchmarks' floor
	 * stays that of the standard computation).
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

	/** The network down to the deepest layer a loss uses. */
	static List<VggLayer> layersInUse(List<VggLayer> layout,
		StyleTransferSettings s, boolean styled)
	{
		return layout.subList(0, layout.indexOf(layer(layout, Vgg.deepest(layout,
			usedLayers(s, styled)))) + 1);
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

	/**
	 * When the run does not fit: the largest tile side that would at this size,
	 * when that is smaller than the tiles the run would use (for the front end to
	 * name its own option); 0 when it fits or when no tile would.
	 */
	public int fittingTile() {
		return fittingTile;
	}

	/**
	 * " Try TILE, or SIZE." with the values that would fit after each front end's
	 * own option names ({@code tileOption} and {@code sizeOption}, such as
	 * "--tile "), the tile first (it keeps the size); empty when it fits or
	 * nothing would.
	 */
	public String tryInstead(String tileOption, String sizeOption) {
		String tile = fittingTile > 0 ? tileOption + fittingTile : null;
		String size = fittingLongSide > 0 ? sizeOption + fittingLongSide : null;
		if (tile != null && size != null) return " Try " + tile + ", or " + size +
			".";
		if (tile != null) return " Try " + tile + ".";
		return size != null ? " Try " + size + "." : "";
	}

	/**
	 * How much state the optimizer keeps and where (of the scale with the largest
	 * peak).
	 */
	public OptimizerMemory optimizer() {
		return optimizer;
	}

	/** One line for a log: size, tiles, time and memory, called an estimate. */
	public String summary() {
		String tiling = tile == 0 ? "untiled" : String.format(Locale.ROOT,
			"%d tiles of %d px", tiles, tile);
		String scaled = scales == 1 ? "" : String.format(Locale.ROOT, "%d scales, ",
			scales);
		String last = scales == 1 ? "" : " at the last scale";
		return String.format(Locale.ROOT,
			"Estimate for %d×%d, %s%s: about %s for %d iterations (%.1f GFLOP each%s at %.0f GFLOP/s measured, ×%.0f), peak memory about %s, %s free; %s.",
			width, height, scaled, tiling, duration(seconds), iterations,
			evaluationFlops / 1e9, last, gflops, FLOOR_RATIO, megabytes(peakBytes),
			megabytes(freeBytes), optimizer.describe());
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The number of scales of the run. */
	public int scales() {
		return scales;
	}

	/** The tile side chosen (0: untiled); the last scale's. */
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
