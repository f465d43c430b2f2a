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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.SyntheticVgg;

/**
 * Coarse-to-fine runs on a tiny random VGG: the sizes, the shares of the
 * iterations, the snapshots, bad values.
 */
class MultiScaleTest {

	static GatysStylizer stylizer;
	static final RgbImage CONTENT = GatysStylizerTest.noise(64, 48, 11);

	@BeforeAll
	static void load() throws Exception {
		stylizer = new GatysStylizer(new SyntheticVgg(GatysStylizerTest.TINY, 7),
			Device.cpu());
	}

	@AfterAll
	static void close() {
		stylizer.close();
	}

	/**
	 * Everything the engine tells a listener, with the sizes of the snapshots.
	 */
	static final class Record implements StylizationListener {

		final List<Scale> scales = new ArrayList<>();
		final List<Integer> iterations = new ArrayList<>();
		final List<String> snapshots = new ArrayList<>();
		final List<int[]> snapshotSizes = new ArrayList<>();
		int cancelAt = -1;

		@Override
		public void scaleStarted(Scale scale) {
			scales.add(scale);
		}

		@Override
		public void iteration(int iteration, LossValues losses) {
			iterations.add(iteration);
		}

		@Override
		public void snapshot(int iteration, LossValues losses, RgbImage image,
			Scale scale)
		{
			snapshots.add(iteration + " " + scale.label());
			snapshotSizes.add(new int[] { image.width(), image.height() });
		}

		@Override
		public boolean cancelled() {
			return cancelAt >= 0 && !iterations.isEmpty() && iterations.get(iterations
				.size() - 1) >= cancelAt;
		}
	}

	static StyleTransferSettings settings(int iterations, int scales) {
		StyleTransferSettings s = new StyleTransferSettings();
		s.iterations = iterations;
		s.scales = scales;
		s.snapshotEvery = 5;
		return s;
	}

	@Test
	void threeScalesGrowBySqrtTwoUpToTheWorkingSizeAndShowEverySnapshotAtIt()
		throws Exception
	{
		Record rec = new Record();
		StylizationResult r = stylizer.run(CONTENT, GatysStylizerTest.style(),
			settings(20, 3), rec);

		assertEquals(List.of("32×24", "45×34", "64×48"), rec.scales.stream().map(
			sc -> sc.width() + "×" + sc.height()).toList());
		for (int k = 1; k < rec.scales.size(); k++) {
			double growth = (double) rec.scales.get(k).width() / rec.scales.get(k - 1)
				.width();
			assertEquals(Math.sqrt(2), growth, 0.03, "scale " + k + " to " + (k + 1));
		}
		assertEquals(64, r.image().width());
		assertEquals(48, r.image().height());
		assertEquals(StylizationResult.Outcome.COMPLETED, r.outcome());
		// The iterations are shared 2:1:1 and numbered through the run: 0..19, then
		// the result's 20.
		assertEquals(List.of(10, 5, 5), rec.scales.stream().map(
			StylizationListener.Scale::iterations).toList());
		assertEquals(20, r.iterations());
		List<Integer> expected = new ArrayList<>();
		for (int i = 0; i <= 20; i++)
			expected.add(i);
		assertEquals(expected, rec.iterations);
		// Every fifth iteration and each scale's end, all at the final size,
		// labelled with their scale.
		assertEquals(List.of("0 scale 1/3", "5 scale 1/3", "10 scale 1/3",
			"10 scale 2/3", "15 scale 2/3", "15 scale 3/3", "20 scale 3/3"),
			rec.snapshots);
		for (int[] size : rec.snapshotSizes)
			assertArrayEquals(new int[] { 64, 48 }, size);
	}

	@Test
	void theFirstScaleGetsADoubleShareAndTheSharesAddUpToTheIterations() {
		assertArrayEquals(new int[] { 150, 75, 75 }, GatysStylizer.iterationShares(
			300, 3));
		assertArrayEquals(new int[] { 10, 5, 5 }, GatysStylizer.iterationShares(20,
			3));
		// What does not divide goes to the first scale.
		assertArrayEquals(new int[] { 6, 2, 2 }, GatysStylizer.iterationShares(10,
			3));
		assertArrayEquals(new int[] { 134, 67 }, GatysStylizer.iterationShares(201,
			2));
		assertArrayEquals(new int[] { 7 }, GatysStylizer.iterationShares(7, 1));
		for (int n : new int[] { 4, 5, 99, 300, 1001 })
			for (int scales = 1; scales < n && scales < 8; scales++)
				assertEquals(n, Arrays.stream(GatysStylizer.iterationShares(n, scales))
					.sum(), n + " over " + scales);
	}

	@Test
	void aMinSizeIsTheFirstScaleAndTheOthersGrowByOneFactor() {
		List<int[]> sizes = GatysStylizer.scaleSizes(64, 48, 3, 16);
		assertEquals(List.of("16×12", "32×24", "64×48"), sizes.stream().map(
			s -> s[0] + "×" + s[1]).toList());
		assertEquals(List.of("48×64"), GatysStylizer.scaleSizes(48, 64, 1, 16)
			.stream().map(s -> s[0] + "×" + s[1]).toList());
		List<int[]> tall = GatysStylizer.scaleSizes(300, 600, 3, 0);
		assertEquals(List.of("150×300", "212×424", "300×600"), tall.stream().map(
			s -> s[0] + "×" + s[1]).toList());
	}

	@Test
	void oneScaleIsTheRunWithoutTheOptionBitForBit() throws Exception {
		StyleTransferSettings plain = new StyleTransferSettings();
		plain.iterations = 12;
		StyleTransferSettings one = settings(12, 1);
		one.snapshotEvery = plain.snapshotEvery;
		one.minSize = 20; // ignored with one scale
		Record a = new Record(), b = new Record();
		RgbImage without = stylizer.run(CONTENT, GatysStylizerTest.style(), plain,
			a).image();
		RgbImage with = stylizer.run(CONTENT, GatysStylizerTest.style(), one, b)
			.image();
		assertArrayEquals(without.planes(), with.planes());
		assertEquals(a.snapshots, b.snapshots);
		// No scale in the labels of a one-scale run.
		assertEquals("0 ", b.snapshots.get(0));
		// And not the three-scale result: the option does something.
		RgbImage three = stylizer.run(CONTENT, GatysStylizerTest.style(), settings(
			12, 3), new Record()).image();
		assertTrue(!Arrays.equals(without.planes(), three.planes()));
	}

	@Test
	void aRunCancelledAtACoarseScaleKeepsItsImageAtTheWorkingSize()
		throws Exception
	{
		Record rec = new Record();
		rec.cancelAt = 3;
		StylizationResult r = stylizer.run(CONTENT, GatysStylizerTest.style(),
			settings(20, 3), rec);
		assertEquals(StylizationResult.Outcome.CANCELLED, r.outcome());
		assertEquals(1, rec.scales.size(), "no later scale starts");
		assertEquals(64, r.image().width());
		assertEquals(48, r.image().height());
		for (int[] size : rec.snapshotSizes)
			assertArrayEquals(new int[] { 64, 48 }, size);
	}

	@Test
	void badScalesAndMinSizesEndInOneMessageBeforeAnyWork() {
		StyleTransferSettings none = settings(20, 0);
		assertEquals("scales must be at least 1 (got 0)", assertThrows(
			IllegalArgumentException.class, none::validate).getMessage());
		StyleTransferSettings negative = settings(20, 3);
		negative.minSize = -5;
		assertTrue(assertThrows(IllegalArgumentException.class, negative::validate)
			.getMessage().startsWith("min size must be"));
		StyleTransferSettings fewIterations = settings(3, 3);
		assertTrue(assertThrows(IllegalArgumentException.class,
			fewIterations::validate).getMessage().contains(
				"3 iterations for 3 scales"));

		StyleTransferSettings large = settings(20, 3);
		large.minSize = 100;
		Record rec = new Record();
		String tooLarge = assertThrows(IllegalArgumentException.class,
			() -> stylizer.run(CONTENT, GatysStylizerTest.style(), large, rec))
			.getMessage();
		assertTrue(tooLarge.contains(
			"min size, 100 pixels, is larger than the working size's long side, 64"),
			tooLarge);

		StyleTransferSettings small = settings(20, 3);
		small.minSize = 3;
		String tooSmall = assertThrows(IllegalArgumentException.class,
			() -> stylizer.run(CONTENT, GatysStylizerTest.style(), small, rec))
			.getMessage();
		assertTrue(tooSmall.contains("smallest of the 3 scales is 3×2 pixels") &&
			tooSmall.contains("needs images of at least 4×4") && tooSmall.contains(
				"min size of at least 6"), tooSmall);

		StyleTransferSettings many = settings(40, 12);
		String tooMany = assertThrows(IllegalArgumentException.class, () -> stylizer
			.run(CONTENT, GatysStylizerTest.style(), many, rec)).getMessage();
		assertTrue(tooMany.contains("use fewer scales"), tooMany);
		assertTrue(rec.iterations.isEmpty() && rec.scales.isEmpty(),
			"refused before any work");
	}
}
