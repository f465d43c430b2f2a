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
		// the evaluation
		// holds one window, not the image.
		assertTrue(e.evaluationFlops() > RunEstimate.evaluationFlops(layout, adam(0,
			1), true, 2048, 2048));
		int window = Math.min(2048, grid.tile() + 2 * grid.halo());
		double pixels = 2048.0 * 2048, image = 12 * pixels;
		// Content target (conv2_2: 128 channels at 1/2) and the gradient being
		// assembled, for the whole image.
		double state = 4 * image + image + 4.0 * 128 * pixels / 4;
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
}
