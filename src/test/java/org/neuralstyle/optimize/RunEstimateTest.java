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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuralstyle.net.SyntheticVgg;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;
import org.neuralstyle.optim.OptimizerKind;

/**
 * The estimate's arithmetic, with a given memory and throughput: nothing here
 * is timed.
 */
class RunEstimateTest {

	private static final long GB = 1L << 30;
	/**
	 * A GPU's free memory for a 2048² run whose working set takes half of it: the
	 * room left is too small for Adam's 96 MB of moments.
	 */
	private static final long GPU_SHORT = 400L << 20;
	private static List<VggLayer> layout;
	/** VGG19 down to conv3_1, the deepest of the default layers. */
	private static List<VggLayer> used;

	@BeforeAll
	static void vgg19() throws Exception {
		try (SyntheticVgg sd = new SyntheticVgg(SyntheticVgg.VGG19, 1)) {
			layout = Vgg.layout(sd);
		}
		int end = 0;
		while (!layout.get(end).name().equals("conv3_1"))
			end++;
		used = layout.subList(0, end + 1);
	}

	private static StyleTransferSettings adam(int maxSize, int iterations) {
		StyleTransferSettings s = new StyleTransferSettings();
		s.optimizer = OptimizerKind.ADAM;
		s.maxSize = maxSize;
		s.iterations = iterations;
		return s;
	}

	@Test
	void untiledTimeIsFlopsOverThroughputTimesTheRatio() {
		StyleTransferSettings s = adam(512, 10);
		RunEstimate e = RunEstimate.of(layout, s, 512, 512, true, 64 * GB, 100);
		assertTrue(e.fits());
		assertEquals(0, e.tile());
		double conv = Vgg.forwardFlops(layout, "conv3_1", 512, 512);
		// Gram matrices of conv1_1..conv3_1: channels² per position, at full, full,
		// 1/4, 1/4, 1/16.
		double gram = 2.0 * 64 * 64 * 512 * 512 * 2 + 2.0 * 128 * 128 * 256 * 256 *
			2 + 2.0 * 256 * 256 * 128 * 128;
		assertEquals(2 * conv + 3 * gram, e.evaluationFlops(), 1);
		// Targets: one forward pass of the content and one of a style image as
		// large (style scale 1).
		double expected = RunEstimate.FLOOR_RATIO * (10 * e.evaluationFlops() + 2 *
			conv) / 100e9;
		assertEquals(expected, e.seconds(), 1e-9);
	}

	@Test
	void untiledPeakIsTheWholeEvaluationAndTheImageSizedState() {
		RunEstimate e = RunEstimate.of(layout, adam(0, 1), 300, 200, true, 64 * GB,
			100);
		double pixels = 300 * 200, image = 12 * pixels;
		// Adam: the pixels, their gradient and two moments; the Java side: four
		// float copies.
		double expected = RunEstimate.PROCESS_BYTES + TileGrid.bytesPerPixel(used) *
			pixels + 4 * image + 4 * image;
		assertEquals(expected, e.peakBytes(), 1);
	}

	@Test
	void automaticTilesAreTheEnginesAndBoundTheEvaluation() {
		long free = 2 * GB;
		RunEstimate e = RunEstimate.of(layout, adam(0, 1), 2048, 2048, true, free,
			100);
		int tile = TileGrid.automatic(used, 2048, 2048, free / 2);
		assertTrue(tile > 0);
		assertEquals(tile, e.tile());
		TileGrid grid = TileGrid.of(used, 2048, 2048, tile);
		assertEquals(grid.tiles().size(), e.tiles());
		// The tiles' windows overlap: more FLOPs than the whole image at once, and
		// the evaluation holds one window, not the image.
		assertTrue(e.evaluationFlops() > RunEstimate.evaluationFlops(layout, adam(0,
			1), true, 2048, 2048));
		double flops = 0;
		for (TileGrid.Tile t : grid.tiles())
			flops += RunEstimate.evaluationFlops(layout, adam(0, 1), true, t
				.windowBottom() - t.windowTop(), t.windowRight() - t.windowLeft());
		assertEquals(flops, e.evaluationFlops(), 1e-9 * flops);
		int window = Math.min(2048, grid.tile() + 2 * grid.halo());
		double pixels = 2048.0 * 2048, image = 12 * pixels;
		// The gradient being assembled for the whole image, and the content
		// targets (conv2_2: 128 channels at 1/2) of one window: the others wait in
		// their file.
		double state = 4 * image + image + 4.0 * 128 * window * window / 4;
		double expected = RunEstimate.PROCESS_BYTES + TileGrid.bytesPerPixel(used) *
			window * window + state + 4 * image;
		assertEquals(expected, e.peakBytes(), 1);
		assertTrue(e.fits(), e.summary());
	}

	@Test
	void aRunThatDoesNotFitSaysWhatWould() {
		long free = GB / 2;
		RunEstimate e = RunEstimate.of(layout, adam(0, 1), 8000, 6000, true, free,
			100);
		assertFalse(e.fits());
		assertTrue(e.advice().contains("estimated peak memory"), e.advice());
		int side = e.fittingLongSide();
		assertTrue(side >= 16 && side < 8000, e.advice());
		assertTrue(e.advice().contains("at most " + side + " pixels"), e.advice());
		// Automatic tiles are already as large as fit: only the size is named.
		assertEquals(0, e.fittingTile(), e.advice());
		assertEquals(" Try --size " + side + ".", e.tryInstead("--tile ",
			"--size "));
		// The largest that fits: that side fits, one pixel more does not.
		assertTrue(RunEstimate.of(layout, adam(side, 1), 8000, 6000, true, free,
			100).fits());
		assertFalse(RunEstimate.of(layout, adam(side + 1, 1), 8000, 6000, true,
			free, 100).fits());
	}

	@Test
	void theWorkingSizeFollowsMaxSize() {
		RunEstimate e = RunEstimate.of(layout, adam(512, 1), 4000, 3000, true, 64 *
			GB, 100);
		assertEquals(512, e.width());
		assertEquals(384, e.height());
		assertTrue(e.summary().startsWith("Estimate for 512×384, untiled: about "),
			e.summary());
		assertTrue(e.summary().contains("peak memory about"), e.summary());
	}

	@Test
	void aMultiScaleRunAddsTheScalesTimesAndPeaksAtItsLargest() {
		StyleTransferSettings s = adam(0, 300);
		s.scales = 3;
		long free = 64 * GB;
		RunEstimate e = RunEstimate.of(layout, s, 1024, 768, true, free, 100);
		assertTrue(e.fits(), e.summary());
		assertEquals(3, e.scales());
		List<int[]> sizes = GatysStylizer.scaleSizes(1024, 768, 3, 0);
		int[] shares = GatysStylizer.iterationShares(300, 3);
		double seconds = 0;
		long peak = 0;
		for (int k = 0; k < 3; k++) {
			RunEstimate scale = RunEstimate.at(layout, s, s.tile, sizes.get(k)[0],
				sizes.get(k)[1], true, true, free, 100, shares[k], 1024L * 768);
			seconds += scale.seconds();
			peak = Math.max(peak, scale.peakBytes());
		}
		assertEquals(seconds, e.seconds(), 1e-9 * seconds);
		assertEquals(peak, e.peakBytes());
		// More than the last scale's share alone, less than all iterations at the
		// last size.
		RunEstimate whole = RunEstimate.of(layout, adam(0, 300), 1024, 768, true,
			free, 100);
		assertTrue(e.seconds() < whole.seconds());
		assertTrue(e.summary().startsWith("Estimate for 1024×768, 3 scales, "), e
			.summary());
	}

	@Test
	void aMultiScaleRunThatDoesNotFitNamesTheLargestSizeThatDoes() {
		StyleTransferSettings s = adam(0, 100);
		s.scales = 2;
		s.tile = 0;
		long free = 2 * GB;
		RunEstimate e = RunEstimate.of(layout, s, 3000, 2000, true, free, 100);
		assertFalse(e.fits());
		int side = e.fittingLongSide();
		assertTrue(side > 0, e.advice());
		s.maxSize = side;
		assertTrue(RunEstimate.of(layout, s, 3000, 2000, true, free, 100).fits());
		s.maxSize = side + 1;
		assertFalse(RunEstimate.of(layout, s, 3000, 2000, true, free, 100).fits());
	}

	@Test
	void anUntiledRunThatDoesNotFitNamesTheLargestTileThatDoes() {
		StyleTransferSettings s = adam(0, 1);
		s.tile = 0;
		long free = 4 * GB;
		RunEstimate e = RunEstimate.of(layout, s, 2048, 2048, true, free, 100);
		assertFalse(e.fits());
		int tile = e.fittingTile();
		assertTrue(tile > 0 && tile < 2048, e.advice());
		assertTrue(e.advice().contains("Tiles of at most " + tile + " pixels"), e
			.advice());
		int side = e.fittingLongSide();
		assertTrue(side > 0 && side < 2048, e.advice());
		assertEquals(" Try --tile " + tile + ", or --size " + side + ".", e
			.tryInstead("--tile ", "--size "));
		assertEquals(" Try tile=" + tile + ", or max_size=" + side + ".", e
			.tryInstead("tile=", "max_size="));
		s.tile = tile;
		assertTrue(RunEstimate.of(layout, s, 2048, 2048, true, free, 100).fits());
		s.tile = tile + TileGrid.align(used);
		assertFalse(RunEstimate.of(layout, s, 2048, 2048, true, free, 100).fits());
	}

	@Test
	void theOptimizersStateFollowsTheMemoryAndShowsInTheSummary() {
		StyleTransferSettings lbfgs = adam(0, 1);
		lbfgs.optimizer = OptimizerKind.LBFGS;
		RunEstimate roomy = RunEstimate.of(layout, lbfgs, 2048, 2048, true, 64 * GB,
			100);
		assertEquals(10, roomy.optimizer().historyCapacity());
		assertTrue(roomy.summary().endsWith("L-BFGS history of 10 updates."), roomy
			.summary());
		RunEstimate tight = RunEstimate.of(layout, lbfgs, 2048, 2048, true, 3 * GB,
			100);
		assertTrue(tight.optimizer().historyCapacity() < 10, tight.summary());
		assertTrue(tight.fits(), tight.summary());
		// A GPU short of memory keeps Adam's moments on the host, and they do not
		// count against it.
		StyleTransferSettings adam = adam(0, 1);
		RunEstimate gpu = RunEstimate.of(layout, adam, 2048, 2048, true, false,
			GPU_SHORT, 100);
		assertTrue(gpu.optimizer().momentsOnHost(), gpu.summary());
		assertTrue(gpu.summary().endsWith("Adam's moments on the host."), gpu
			.summary());
		RunEstimate cpu = RunEstimate.of(layout, adam, 2048, 2048, true, true,
			GPU_SHORT, 100);
		assertFalse(cpu.optimizer().momentsOnHost(), cpu.summary());
	}
}
