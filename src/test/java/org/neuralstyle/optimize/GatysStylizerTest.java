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
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuralstyle.image.Luminance;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.SyntheticVgg;
import org.neuralstyle.optim.OptimizerKind;
import org.neuralstyle.tensor.GradientRecording;

/**
 * The optimization loop on a tiny random VGG: iteration counting, snapshots,
 * cancel, divergence.
 */
class GatysStylizerTest {

	static final List<Object> TINY = List.of(4, 4, "M", 8, 8, "M", 16);
	static GatysStylizer stylizer;
	static final RgbImage CONTENT = noise(32, 24, 1);
	static final RgbImage STYLE = noise(28, 28, 2);

	@BeforeAll
	static void load() throws Exception {
		stylizer = new GatysStylizer(new SyntheticVgg(TINY, 7), Device.cpu());
	}

	@AfterAll
	static void close() {
		stylizer.close();
	}

	static RgbImage noise(int w, int h, long seed) {
		Random r = new Random(seed);
		float[] p = new float[3 * w * h];
		for (int i = 0; i < p.length; i++)
			p[i] = r.nextFloat();
		return new RgbImage(w, h, p);
	}

	static class Recorder implements StylizationListener {

		final List<Integer> iterations = new ArrayList<>();
		final List<LossValues> losses = new ArrayList<>();
		final List<Integer> snapshots = new ArrayList<>();
		final AtomicInteger waited = new AtomicInteger();
		int cancelAt = -1;

		@Override
		public void waiting() {
			waited.incrementAndGet();
		}

		@Override
		public void iteration(int iteration, LossValues l) {
			iterations.add(iteration);
			losses.add(l);
		}

		@Override
		public void snapshot(int iteration, LossValues l, RgbImage image) {
			snapshots.add(iteration);
		}

		@Override
		public boolean cancelled() {
			return cancelAt >= 0 && !iterations.isEmpty() && iterations.get(iterations
				.size() - 1) >= cancelAt;
		}
	}

	/**
	 * The tutorial's fixed-step L-BFGS, whose steps of 20 evaluations these tests
	 * count.
	 */
	static StyleTransferSettings settings(int iterations) {
		StyleTransferSettings s = org.neuralstyle.optimize.preset.Presets.named(
			org.neuralstyle.optimize.preset.Presets.PYTORCH_TUTORIAL).settings();
		s.iterations = iterations;
		return s;
	}

	static List<GatysStylizer.Style> style() {
		return List.of(new GatysStylizer.Style(STYLE, 1));
	}

	@Test
	void twentyLbfgsIterationsAreOneStepAndTheLossFalls() throws Exception {
		Recorder rec = new Recorder();
		StylizationResult r = stylizer.run(CONTENT, style(), settings(20), rec);
		assertEquals(StylizationResult.Outcome.COMPLETED, r.outcome());
		assertEquals(20, r.iterations());
		// evaluations see iterations 0..19, then the final image (after 20 updates)
		// is reported
		List<Integer> expected = new ArrayList<>();
		for (int i = 0; i <= 20; i++)
			expected.add(i);
		assertEquals(expected, rec.iterations);
		assertEquals(0.0, rec.losses.get(0).content(), 0.0,
			"the content image starts with zero content loss");
		assertTrue(r.losses().total() < rec.losses.get(0).total() / 5, "loss " +
			rec.losses.get(0).total() + " -> " + r.losses().total());
		assertEquals(32, r.image().width());
		assertEquals(24, r.image().height());
	}

	@Test
	void aRunStopsAfterTheStepInWhichTheCountReachesTheRequest()
		throws Exception
	{
		Recorder rec = new Recorder();
		StylizationResult r = stylizer.run(CONTENT, style(), settings(21), rec);
		assertEquals(40, r.iterations());
	}

	@Test
	void snapshotsEveryNIterationsAndAtTheEnd() throws Exception {
		Recorder rec = new Recorder();
		StyleTransferSettings s = settings(20);
		s.snapshotEvery = 6;
		stylizer.run(CONTENT, style(), s, rec);
		assertEquals(List.of(0, 6, 12, 18, 20), rec.snapshots);
	}

	@Test
	void adamCountsOneEvaluationPerStep() throws Exception {
		Recorder rec = new Recorder();
		StyleTransferSettings s = settings(7);
		s.optimizer = OptimizerKind.ADAM;
		s.tvWeight = 10;
		StylizationResult r = stylizer.run(CONTENT, style(), s, rec);
		assertEquals(7, r.iterations());
		assertEquals(8, rec.iterations.size());
		assertTrue(rec.losses.get(0).tv() > 0);
	}

	@Test
	void cancelKeepsTheImageSoFar() throws Exception {
		Recorder rec = new Recorder();
		rec.cancelAt = 7;
		StylizationResult r = stylizer.run(CONTENT, style(), settings(300), rec);
		assertEquals(StylizationResult.Outcome.CANCELLED, r.outcome());
		assertEquals(8, r.iterations());
		assertTrue(r.losses().total() < rec.losses.get(0).total());
	}

	@Test
	void divergenceStopsWithAMessageAndKeepsTheLastGoodImage() throws Exception {
		StyleTransferSettings s = settings(20);
		// the loss fits in float32, its gradient overflows to infinity
		s.styleWeight = 1e38;
		StylizationResult r = stylizer.run(CONTENT, style(), s, new Recorder());
		assertEquals(StylizationResult.Outcome.DIVERGED, r.outcome());
		assertTrue(r.message().contains("diverged"), r.message());
		assertArrayEquals(CONTENT.planes(), r.image().planes(), 1e-6f);
	}

	@Test
	void largeContentIsDownscaledSmallIsKept() throws Exception {
		StyleTransferSettings s = settings(1);
		s.maxSize = 16;
		StylizationResult r = stylizer.run(CONTENT, style(), s, new Recorder());
		assertEquals(16, r.image().width());
		assertEquals(12, r.image().height());
	}

	@Test
	void preservedColoursKeepTheContentChroma() throws Exception {
		StyleTransferSettings s = settings(20);
		s.colorMode = StyleTransferSettings.ColorMode.LUMINANCE;
		RgbImage kept = stylizer.run(CONTENT, style(), s, new Recorder()).image();
		s.colorMode = StyleTransferSettings.ColorMode.NONE;
		RgbImage free = stylizer.run(CONTENT, style(), s, new Recorder()).image();
		float[] y = Luminance.of(kept), yContent = Luminance.of(CONTENT);
		double diff = 0;
		for (int i = 0; i < y.length; i++)
			diff += Math.abs(y[i] - yContent[i]);
		assertTrue(diff / y.length > 1e-3, "the luminance was stylized");
		double[] keptChroma = chromaDifference(kept, CONTENT), freeChroma =
			chromaDifference(free, CONTENT);
		System.out.printf(
			"chroma off the content's: preserved max %.3g over %.0f%% of pixels; not preserved max %.3g, mean %.3g%n",
			keptChroma[0], 100 * keptChroma[1], freeChroma[0], freeChroma[2]);
		// Measured: preserved, at most 1.2e-7 on the pixels not clipped (float
		// rounding: the way back from YIQ is the exact inverse); not preserved,
		// mean 0.05.
		assertTrue(keptChroma[1] > 0.5, "most pixels are not clipped: " +
			keptChroma[1]);
		assertTrue(keptChroma[0] < 1e-5,
			"the result's I and Q are the content's: " + keptChroma[0]);
		// The same measure fails without preservation, so the check above can fail.
		assertTrue(freeChroma[0] > 1e-2 && freeChroma[2] > 1e-2,
			"without preservation the chroma changes: " + freeChroma[0]);
	}

	/**
	 * How far the YIQ chroma (I, Q) of {@code image} is from {@code colour}'s:
	 * the largest difference over the pixels where no channel was clipped to 0 or
	 * 1 (clipping changes the chroma, and random noise has saturated colours),
	 * the share of such pixels, and the mean difference over all pixels.
	 */
	private static double[] chromaDifference(RgbImage image, RgbImage colour) {
		int n = image.width() * image.height();
		float[] p = image.planes(), c = colour.planes();
		double max = 0, sum = 0;
		int unclipped = 0;
		for (int i = 0; i < n; i++) {
			double d = Math.max(Math.abs(inPhase(p, n, i) - inPhase(c, n, i)), Math
				.abs(quadrature(p, n, i) - quadrature(c, n, i)));
			sum += d;
			boolean clipped = false;
			for (int k = 0; k < 3; k++)
				clipped |= p[k * n + i] <= 0 || p[k * n + i] >= 1;
			if (clipped) continue;
			unclipped++;
			max = Math.max(max, d);
		}
		return new double[] { max, unclipped / (double) n, sum / n };
	}

	private static double inPhase(float[] p, int n, int i) {
		return 0.596 * p[i] - 0.274 * p[n + i] - 0.322 * p[2 * n + i];
	}

	private static double quadrature(float[] p, int n, int i) {
		return 0.211 * p[i] - 0.523 * p[n + i] + 0.312 * p[2 * n + i];
	}

	@Test
	void anEqualBlendOfOneStyleIsThatStyle() throws Exception {
		StylizationResult one = stylizer.run(CONTENT, style(), settings(20),
			new Recorder());
		StylizationResult blend = stylizer.run(CONTENT, List.of(
			new GatysStylizer.Style(STYLE, 0.3), new GatysStylizer.Style(STYLE, 0.7)),
			settings(20), new Recorder());
		assertArrayEquals(one.image().planes(), blend.image().planes(), 2e-3f);
		StylizationResult other = stylizer.run(CONTENT, List.of(
			new GatysStylizer.Style(noise(20, 20, 9), 1)), settings(20),
			new Recorder());
		double d = 0;
		for (int i = 0; i < one.image().planes().length; i++)
			d += Math.abs(one.image().planes()[i] - other.image().planes()[i]);
		assertTrue(d / one.image().planes().length > 1e-3,
			"another style gives another image");
	}

	@Test
	void nativeMemoryStaysFlatOverALongRun() throws Exception {
		for (OptimizerKind kind : OptimizerKind.values()) {
			StyleTransferSettings s = settings(200);
			s.optimizer = kind;
			s.tvWeight = 1;
			java.util.Map<Integer, Integer> live = new java.util.HashMap<>();
			stylizer.run(noise(12, 10, 3), style(), s, new StylizationListener() {

				@Override
				public void iteration(int iteration, LossValues losses) {
					// same phase of an L-BFGS step (20 evaluations), after its 100-pair
					// history has filled
					if (iteration == 130 || iteration == 190) live.put(iteration, stylizer
						.liveArrays());
				}
			});
			assertEquals(live.get(130), live.get(190), kind +
				": arrays alive at iteration 130 and 190");
		}
		int after = stylizer.liveArrays();
		stylizer.run(CONTENT, style(), settings(40), new Recorder());
		assertEquals(after, stylizer.liveArrays(),
			"a finished run leaves nothing behind");
	}

	@Test
	void randomStartIsReproducibleFromItsSeedAndImageStartUsesTheImage()
		throws Exception
	{
		StyleTransferSettings s = settings(1);
		s.init = StyleTransferSettings.Init.RANDOM;
		s.seed = 5;
		Recorder a = new Recorder(), b = new Recorder(), c = new Recorder();
		stylizer.run(CONTENT, style(), s, a);
		stylizer.run(CONTENT, style(), s, b);
		s.seed = 6;
		stylizer.run(CONTENT, style(), s, c);
		assertEquals(a.losses.get(0), b.losses.get(0));
		assertTrue(a.losses.get(0).content() > 0, "noise is not the content");
		assertTrue(a.losses.get(0).total() != c.losses.get(0).total());

		StyleTransferSettings fromImage = settings(1);
		fromImage.init = StyleTransferSettings.Init.IMAGE;
		fromImage.initImage = CONTENT;
		Recorder d = new Recorder();
		stylizer.run(CONTENT, style(), fromImage, d);
		assertEquals(0.0, d.losses.get(0).content(), 0.0,
			"starting from the content image itself");
	}

	@Test
	void badSettingsAreRefusedBeforeAnyWork() {
		StyleTransferSettings s = settings(0);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> stylizer.run(CONTENT, style(), s, new Recorder()));
		assertTrue(e.getMessage().contains("iterations"));
		StyleTransferSettings layers = settings(5);
		layers.styleLayers = StyleTransferSettings.parseLayers("conv9_1");
		e = assertThrows(IllegalArgumentException.class, () -> stylizer.run(CONTENT,
			style(), layers, new Recorder()));
		assertTrue(e.getMessage().contains("conv9_1"), e.getMessage());
	}

	@Test
	void imagesTooSmallForTheDeepestLayerAreRefusedWithTheSizeItNeeds() {
		// The default layers reach conv3_1 of TINY, behind two poolings: 4×4 pixels
		// at least.
		for (RgbImage tiny : List.of(noise(1, 1, 3), noise(2, 2, 3), noise(3, 3, 3),
			noise(3, 40, 3)))
		{
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> stylizer.run(tiny, style(), settings(2), new Recorder()));
			assertTrue(e.getMessage().contains(
				"conv3_1 needs images of at least 4×4 pixels"), e.getMessage());
			assertTrue(e.getMessage().contains("the content image is " + tiny
				.width() + "×" + tiny.height()), e.getMessage());
		}
		// A strip is refused at the size it is used at: its long side goes down to
		// the maximum size.
		IllegalArgumentException strip = assertThrows(
			IllegalArgumentException.class, () -> stylizer.run(noise(3000, 5, 4),
				style(), settings(2), new Recorder()));
		assertTrue(strip.getMessage().contains(
			"the content image is 3000×5, used at 512×1"), strip.getMessage());
		StyleTransferSettings shrunkStyle = settings(2);
		shrunkStyle.styleScale = 1e-9;
		IllegalArgumentException style = assertThrows(
			IllegalArgumentException.class, () -> stylizer.run(CONTENT, style(),
				shrunkStyle, new Recorder()));
		assertTrue(style.getMessage().contains(
			"the style image is 28×28, used at 1×1"), style.getMessage());
		assertTrue(style.getMessage().contains("style scale, 1.0E-9"), style
			.getMessage());
	}

	@Test
	void theSmallestSizeFollowsTheDeepestLayerUsed() throws Exception {
		assertEquals(4, stylizer.run(noise(4, 4, 5), style(), settings(2),
			new Recorder()).image().width());
		StyleTransferSettings shallow = settings(2);
		shallow.optimizer = OptimizerKind.ADAM;
		shallow.contentLayers = StyleTransferSettings.parseLayers("conv1_2");
		shallow.styleLayers = StyleTransferSettings.parseLayers("conv1_1,conv1_2");
		StylizationResult r = stylizer.run(noise(1, 1, 5), style(), shallow,
			new Recorder());
		assertEquals(StylizationResult.Outcome.COMPLETED, r.outcome());
		assertEquals(1, r.image().width());
	}

	@Test
	void twoRunsAtOnceInOneJvmTakeTurnsAndBothFinish() throws Exception {
		// As two Fiji commands would: two stylizers, two threads. DJL allows one
		// gradient recording at a time.
		CountDownLatch firstStarted = new CountDownLatch(1), secondWaits =
			new CountDownLatch(1);
		StylizationResult[] results = new StylizationResult[2];
		Throwable[] failures = new Throwable[2];
		Recorder first = new Recorder() {

			@Override
			public void iteration(int iteration, LossValues l) {
				super.iteration(iteration, l);
				firstStarted.countDown();
				// The first run holds on until the second has asked for its turn.
				if (iteration == 0) await(secondWaits);
			}
		};
		Recorder second = new Recorder() {

			@Override
			public void waiting() {
				waited.incrementAndGet();
				secondWaits.countDown();
			}
		};
		try (GatysStylizer other = new GatysStylizer(new SyntheticVgg(TINY, 7),
			Device.cpu()))
		{
			Thread a = new Thread(() -> results[0] = runCatching(stylizer, first,
				failures, 0));
			Thread b = new Thread(() -> results[1] = runCatching(other, second,
				failures, 1));
			a.start();
			assertTrue(firstStarted.await(60, TimeUnit.SECONDS));
			b.start();
			a.join(120_000);
			b.join(120_000);
		}
		assertEquals(null, failures[0]);
		assertEquals(null, failures[1]);
		assertEquals(0, first.waited.get());
		assertEquals(1, second.waited.get(), "the second run was told it waits");
		assertEquals(StylizationResult.Outcome.COMPLETED, results[0].outcome());
		assertEquals(StylizationResult.Outcome.COMPLETED, results[1].outcome());
		assertEquals(List.of(0, 1, 2, 3, 4, 5), second.iterations);
		assertArrayEquals(results[0].image().planes(), results[1].image().planes(),
			"neither run disturbed the other");
	}

	@Test
	void aRunCancelledWhileItWaitsForItsTurnEndsWithoutRecording()
		throws Exception
	{
		try (GradientRecording.Turn busy = GradientRecording.take(() -> {},
			() -> false))
		{
			Recorder queued = new Recorder() {

				@Override
				public boolean cancelled() {
					return waited.get() > 0;
				}

				@Override
				public void waiting() {
					waited.incrementAndGet();
				}
			};
			StylizationResult[] result = new StylizationResult[1];
			Throwable[] failure = new Throwable[1];
			// Another thread: the turn is the JVM's, and this thread holds it.
			Thread t = new Thread(() -> result[0] = runCatching(stylizer, queued,
				failure, 0));
			t.start();
			t.join(60_000);
			assertEquals(null, failure[0]);
			assertEquals(StylizationResult.Outcome.CANCELLED, result[0].outcome());
			assertEquals(0, result[0].iterations());
			assertEquals(1, queued.waited.get());
		}
	}

	private static StylizationResult runCatching(GatysStylizer s,
		Recorder listener, Throwable[] failures, int index)
	{
		try {
			StyleTransferSettings adam = settings(5);
			adam.optimizer = OptimizerKind.ADAM;
			return s.run(CONTENT, style(), adam, listener);
		}
		catch (Throwable t) {
			failures[index] = t;
			return null;
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(60, TimeUnit.SECONDS)) throw new IllegalStateException(
				"the other run never asked for its turn");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
