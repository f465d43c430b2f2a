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

package org.neuralstyle.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuralstyle.image.RgbImage;

/**
 * Warping against shifts worked out by hand, the flow of a pan, the
 * disocclusion mask, the flicker metric and the temporal blend.
 */
class FlowTest {

	/** A smooth random texture, large enough to crop pans from. */
	static RgbImage texture(int w, int h, long seed) {
		java.util.Random r = new java.util.Random(seed);
		float[] g = new float[w * h];
		for (int i = 0; i < g.length; i++)
			g[i] = r.nextFloat();
		for (int pass = 0; pass < 4; pass++) {
			float[] t = g.clone();
			for (int y = 1; y < h - 1; y++)
				for (int x = 1; x < w - 1; x++) {
					int i = y * w + x;
					t[i] = (g[i] + g[i - 1] + g[i + 1] + g[i - w] + g[i + w]) / 5;
				}
			g = t;
		}
		float[] p = new float[3 * w * h];
		for (int i = 0; i < w * h; i++) {
			p[i] = g[i];
			p[w * h + i] = 1 - g[i];
			p[2 * w * h + i] = 0.5f * g[i];
		}
		return new RgbImage(w, h, p);
	}

	/** The window of {@code img} at (x0, y0), w × h. */
	static RgbImage crop(RgbImage img, int x0, int y0, int w, int h) {
		float[] p = new float[3 * w * h];
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					p[c * w * h + y * w + x] = img.get(c, x0 + x, y0 + y);
		return new RgbImage(w, h, p);
	}

	@Test
	void warpingByAWholePixelShiftMovesThePixels() {
		// 3×2, red channel 0..5: each pixel takes its right neighbour's value, the
		// last column its own (the edge extended).
		float[] p = new float[18];
		for (int i = 0; i < 6; i++)
			p[i] = i;
		RgbImage img = new RgbImage(3, 2, p);
		RgbImage warped = Warp.backward(img, FlowField.uniform(3, 2, 1, 0));
		assertArrayEquals(new float[] { 1, 2, 2, 4, 5, 5 }, java.util.Arrays.copyOf(
			warped.planes(), 6), 0);
		// Half a pixel down: the mean of each pixel and the one below (bottom row
		// extended).
		RgbImage down = Warp.backward(img, FlowField.uniform(3, 2, 0, 0.5f));
		assertArrayEquals(new float[] { 1.5f, 2.5f, 3.5f, 3, 4, 5 },
			java.util.Arrays.copyOf(down.planes(), 6), 1e-6f);
	}

	@Test
	void theFlowOfAPanIsThePanAndTheEnteringEdgeIsMaskedOut() {
		RgbImage world = texture(80, 50, 3);
		// The camera moves 2 pixels right: the scene moves 2 pixels left.
		RgbImage previous = crop(world, 10, 5, 56, 40);
		RgbImage current = crop(world, 12, 5, 56, 40);
		FlowField back = OpticalFlow.between(current, previous);
		double sum = 0;
		int n = 0;
		for (int y = 8; y < 32; y++)
			for (int x = 8; x < 48; x++) {
				sum += back.dx(x, y);
				n++;
				assertEquals(0, back.dy(x, y), 0.2, "dy at " + x + "," + y);
			}
		assertEquals(2, sum / n, 0.1, "mean dx inside");
		Alignment a = Alignment.between(previous, current);
		float[] weights = a.weights();
		// The last two columns came from outside the previous plane.
		for (int y = 0; y < 40; y++)
			assertEquals(0, weights[y * 56 + 55], "right edge, row " + y);
		assertTrue(a.coverage() > 0.8, "coverage " + a.coverage());
		// Warped, the previous plane is the current one where trusted.
		RgbImage warped = a.warp(previous);
		double diff = 0;
		int m = 0;
		for (int i = 0; i < weights.length; i++)
			if (weights[i] > 0) {
				diff += Math.abs(warped.planes()[i] - current.planes()[i]);
				m++;
			}
		assertTrue(diff / m < 0.01, "mean difference after warping " + diff / m);
	}

	@Test
	void roundTripsThatDisagreeAreDisocclusions() {
		// Backward flow says every pixel came from 3 pixels left; the forward flow
		// agrees only in the left half: the right half is masked out.
		int w = 20, h = 4;
		FlowField back = FlowField.uniform(w, h, -3, 0);
		float[] fx = new float[w * h], fy = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				fx[y * w + x] = x < 8 ? 3 : 0;
		Alignment a = Alignment.of(back, new FlowField(w, h, fx, fy));
		float[] weights = a.weights();
		assertEquals(0, weights[1], "came from outside (x - 3 < 0)");
		assertEquals(1, weights[5]);
		assertEquals(0, weights[15], "forward flow disagrees");
	}

	@Test
	void flickerIsTheOutputsWarpedDifferenceOverTheContents() {
		RgbImage world = texture(60, 40, 4);
		RgbImage c0 = crop(world, 4, 4, 40, 30);
		// Sensor noise: the content's own difference after warping is above the
		// floor.
		float[] noisy = crop(world, 5, 4, 40, 30).planes().clone();
		java.util.Random r = new java.util.Random(6);
		for (int i = 0; i < noisy.length; i++)
			noisy[i] += 0.02f * (r.nextFloat() - 0.5f);
		RgbImage c1 = new RgbImage(40, 30, noisy);
		Alignment a = Alignment.between(c0, c1);
		assertTrue(a.coverage() > 0.8, "coverage " + a.coverage());
		Flicker same = new Flicker();
		same.add(a, c0, c1, c0, c1);
		assertEquals(1, same.relative(), 1e-9, "output = content: relative 1");
		// An output that adds 0.1 in every other plane flickers by 0.1.
		float[] brighter = c1.planes().clone();
		for (int i = 0; i < brighter.length; i++)
			brighter[i] += 0.1f;
		Flicker flashing = new Flicker();
		flashing.add(a, c0, new RgbImage(40, 30, brighter), c0, c1);
		assertEquals(0.1, flashing.outputDifference() - flashing
			.contentDifference(), 0.01);
		assertTrue(flashing.relative() > 5, "relative " + flashing.relative());
	}

	@Test
	void theTemporalBlendPullsAFlashTowardsThePreviousFrame() {
		RgbImage world = texture(60, 40, 5);
		RgbImage c0 = crop(world, 4, 4, 40, 30), c1 = crop(world, 5, 4, 40, 30);
		TemporalBlend blend = new TemporalBlend(0.5);
		assertEquals(c0, blend.next(c0, c0), "the first frame is kept");
		float[] flash = c1.planes().clone();
		for (int i = 0; i < flash.length; i++)
			flash[i] += 0.2f;
		RgbImage out = blend.next(c1, new RgbImage(40, 30, flash));
		// Inside, where trusted: half the flash.
		int i = 15 * 40 + 20;
		assertEquals(c1.planes()[i] + 0.1f, out.planes()[i], 0.02f);
	}
}
