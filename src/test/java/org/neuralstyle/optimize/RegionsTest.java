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

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuralstyle.image.ColourMatching;
import org.neuralstyle.image.Mask;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.SyntheticVgg;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;

/**
 * A style per region, strength and colour modes on a tiny random VGG: a red
 * style on the left half and a blue one on the right make the left redder, with
 * a boundary no wider than the deepest style layer's receptive field, untiled,
 * tiled and coarse to fine.
 */
public class RegionsTest {

	/**
	 * Wider than {@link GatysStylizerTest#TINY}: its 4 random filters make red
	 * and blue too alike for two flat styles to pull apart reliably.
	 */
	static final List<Object> SMALL = List.of(16, 16, "M", 32, 32, "M", 64);
	public static final int W = 64, H = 32;
	static GatysStylizer stylizer;
	public static SyntheticVgg net = new SyntheticVgg(SMALL, 1);

	@BeforeAll
	static void load() throws Exception {
		stylizer = new GatysStylizer(net, Device.cpu());
	}

	@AfterAll
	static void close() {
		stylizer.close();
	}

	/** Grey noise: no colour of its own. */
	public static RgbImage greyContent() {
		RgbImage noise = GatysStylizerTest.noise(W, H, 11);
		int n = W * H;
		float[] p = new float[3 * n];
		for (int i = 0; i < n; i++)
			p[i] = p[n + i] = p[2 * n + i] = 0.3f + 0.4f * noise.planes()[i];
		return new RgbImage(W, H, p);
	}

	public static RgbImage flat(int w, int h, float r, float g, float b) {
		int n = w * h;
		float[] p = new float[3 * n];
		Arrays.fill(p, 0, n, r);
		Arrays.fill(p, n, 2 * n, g);
		Arrays.fill(p, 2 * n, 3 * n, b);
		return new RgbImage(w, h, p);
	}

	public static int[] halves() {
		int[] labels = new int[W * H];
		for (int i = 0; i < labels.length; i++)
			labels[i] = i % W < W / 2 ? 1 : 2;
		return labels;
	}

	static List<GatysStylizer.Region> redLeftBlueRight() {
		int[] l = halves();
		return List.of(new GatysStylizer.Region(Mask.ofLabel(l, W, H, 1),
			new GatysStylizer.Style(flat(32, 32, 0.9f, 0.1f, 0.1f), 1), null),
			new GatysStylizer.Region(Mask.ofLabel(l, W, H, 2),
				new GatysStylizer.Style(flat(32, 32, 0.1f, 0.1f, 0.9f), 1), null));
	}

	static StyleTransferSettings settings() {
		StyleTransferSettings s = new StyleTransferSettings();
		s.iterations = 60;
		s.snapshotEvery = 0;
		return s;
	}

	/** Mean red minus blue of each column. */
	public static double[] redness(RgbImage img) {
		int w = img.width(), h = img.height(), n = w * h;
		double[] r = new double[w];
		float[] p = img.planes();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				r[x] += (p[y * w + x] - p[2 * n + y * w + x]) / h;
		return r;
	}

	/** The receptive field of the deepest style layer, in pixels. */
	public static int receptiveField(String deepest) throws Exception {
		int size = 1, step = 1;
		for (VggLayer l : Vgg.layout(net)) {
			if (l.kind() == VggLayer.Kind.CONV) size += 2 * step;
			else if (l.kind() == VggLayer.Kind.POOL) {
				size += step;
				step *= 2;
			}
			if (l.name().equals(deepest)) break;
		}
		return size;
	}

	/**
	 * Checks the left is clearly redder than the right, and that the columns
	 * between the two plateaus (within 10% of each side's level) are no wider
	 * than the receptive field.
	 */
	public static void assertRedLeftBlueRight(RgbImage img, String what)
		throws Exception
	{
		double[] r = redness(img);
		int field = receptiveField("conv3_1");
		double left = 0, right = 0;
		int k = 0;
		for (int x = 0; x < W / 2 - field; x++, k++)
			left += r[x];
		left /= k;
		k = 0;
		for (int x = W / 2 + field; x < W; x++, k++)
			right += r[x];
		right /= k;
		int lastLeft = 0, firstRight = W - 1;
		double span = left - right;
		for (int x = 0; x < W; x++)
			if (r[x] >= left - 0.1 * span) lastLeft = x;
		for (int x = W - 1; x >= 0; x--)
			if (r[x] <= right + 0.1 * span) firstRight = x;
		System.out.printf(
			"%s: red - blue %.3f on the left, %.3f on the right; boundary from column %d to %d (receptive field %d)%n",
			what, left, right, lastLeft, firstRight, field);
		assertTrue(left > 0.2 && right < -0.2, what +
			": the left is red, the right blue: " + left + ", " + right);
		assertTrue(firstRight - lastLeft <= field, what + ": the boundary is " +
			(firstRight - lastLeft) + " columns wide, the receptive field " + field);
	}

	@Test
	void aRedStyleOnTheLeftAndABlueOneOnTheRight() throws Exception {
		StylizationResult r = stylizer.run(greyContent(), List.of(),
			redLeftBlueRight(), settings(), new GatysStylizerTest.Recorder());
		assertRedLeftBlueRight(r.image(), "untiled");
	}

	@Test
	void tiledAndCoarseToFineRegionsDoTheSame() throws Exception {
		StyleTransferSettings tiled = settings();
		tiled.tile = 16;
		GatysStylizerTest.Recorder untiledLosses = new GatysStylizerTest.Recorder(),
				tiledLosses = new GatysStylizerTest.Recorder();
		StyleTransferSettings one = settings();
		one.iterations = 1;
		stylizer.run(greyContent(), List.of(), redLeftBlueRight(), one,
			untiledLosses);
		tiled.iterations = 1;
		stylizer.run(greyContent(), List.of(), redLeftBlueRight(), tiled,
			tiledLosses);
		double a = untiledLosses.losses.get(0).style(), b = tiledLosses.losses.get(
			0).style();
		assertEquals(a, b, 1e-5 * a, "the tiled guided style loss is the untiled");
		tiled.iterations = 60;
		assertRedLeftBlueRight(stylizer.run(greyContent(), List.of(),
			redLeftBlueRight(), tiled, new GatysStylizerTest.Recorder()).image(),
			"tiles of 16");
		StyleTransferSettings scales = settings();
		scales.scales = 2;
		assertRedLeftBlueRight(stylizer.run(greyContent(), List.of(),
			redLeftBlueRight(), scales, new GatysStylizerTest.Recorder()).image(),
			"2 scales");
	}

	@Test
	void theBackgroundKeepsTheContentAndAStyleMaskPicksPartOfTheStyle()
		throws Exception
	{
		// Only the left half has a style, taken from the red half of a red|blue
		// image.
		int[] l = halves();
		RgbImage redBlue = flat(32, 32, 0.1f, 0.1f, 0.9f);
		float[] p = redBlue.planes();
		int[] styleLabels = new int[32 * 32];
		for (int i = 0; i < styleLabels.length; i++)
			if (i % 32 < 16) {
				p[i] = 0.9f;
				p[2 * 32 * 32 + i] = 0.1f;
				styleLabels[i] = 1;
			}
		RgbImage content = greyContent();
		StylizationResult r = stylizer.run(content, List.of(), List.of(
			new GatysStylizer.Region(Mask.ofLabel(l, W, H, 1),
				new GatysStylizer.Style(redBlue, 1), Mask.ofLabel(styleLabels, 32, 32,
					1))), settings(), new GatysStylizerTest.Recorder());
		double[] red = redness(r.image());
		int field = receptiveField("conv3_1");
		double left = 0, right = 0;
		for (int x = 0; x < W / 2 - field; x++)
			left += red[x] / (W / 2 - field);
		for (int x = W / 2 + field; x < W; x++)
			right += Math.abs(red[x]) / (W / 2 - field);
		System.out.printf(
			"style mask: left red - blue %.3f, right |red - blue| %.4f%n", left,
			right);
		assertTrue(left > 0.2, "the left takes the red half's style: " + left);
		assertTrue(right < 0.05 * left, "the right stays grey: " + right);
	}

	@Test
	void regionsOfAnotherSizeOrWithABlendAreRefused() {
		List<GatysStylizer.Region> regions = redLeftBlueRight();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> stylizer.run(GatysStylizerTest.noise(10, 10, 1), List.of(), regions,
				settings(), new GatysStylizerTest.Recorder()));
		assertTrue(e.getMessage().contains("content's size"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> stylizer.run(
			greyContent(), List.of(regions.get(0).style()), regions, settings(),
			new GatysStylizerTest.Recorder()));
	}

	@Test
	void strengthScalesTheStyleLossOnItsCurveAndZeroKeepsTheContent()
		throws Exception
	{
		assertEquals(0, StyleTransferSettings.strengthFactor(0));
		assertEquals(1, StyleTransferSettings.strengthFactor(1), 1e-12);
		assertEquals((Math.sqrt(1000) - 1) / 999, StyleTransferSettings
			.strengthFactor(0.5), 1e-12);
		RgbImage content = GatysStylizerTest.CONTENT;
		List<GatysStylizer.Style> style = GatysStylizerTest.style();
		StyleTransferSettings s = settings();
		s.iterations = 1;
		GatysStylizerTest.Recorder full = new GatysStylizerTest.Recorder(), half =
			new GatysStylizerTest.Recorder();
		stylizer.run(content, style, s, full);
		s.strength = 0.5;
		stylizer.run(content, style, s, half);
		assertEquals(StyleTransferSettings.strengthFactor(0.5), half.losses.get(0)
			.style() / full.losses.get(0).style(), 1e-5);
		s.strength = 0;
		s.iterations = 20;
		assertArrayEquals(content.planes(), stylizer.run(content, style, s,
			new GatysStylizerTest.Recorder()).image().planes(), 1e-6f,
			"no style: the content as it was");
		s.strength = 1.5;
		assertThrows(IllegalArgumentException.class, () -> stylizer.run(content,
			style, s, new GatysStylizerTest.Recorder()));
	}

	@Test
	void histogramModeKeepsAGreyContentGreyUnderAColourfulStyle()
		throws Exception
	{
		RgbImage content = greyContent();
		List<GatysStylizer.Style> style = List.of(new GatysStylizer.Style(
			GatysStylizerTest.noise(32, 32, 5), 1));
		// A colourful style: noise with a strong red cast.
		float[] p = style.get(0).image().planes();
		for (int i = 0; i < 32 * 32; i++)
			p[i] = 0.5f + 0.5f * p[i];
		StyleTransferSettings s = settings();
		RgbImage none = stylizer.run(content, style, s,
			new GatysStylizerTest.Recorder()).image();
		s.colorMode = StyleTransferSettings.ColorMode.HISTOGRAM;
		RgbImage histogram = stylizer.run(content, style, s,
			new GatysStylizerTest.Recorder()).image();
		double dNone = colourDistance(none, content), dHistogram = colourDistance(
			histogram, content);
		double toStyleNone = colourDistance(none, style.get(0).image()),
				toStyleHistogram = colourDistance(histogram, style.get(0).image());
		System.out.printf(
			"colour mean and covariance off the content's: none %.4f, histogram %.4f; off the style's: none %.4f, histogram %.4f%n",
			dNone, dHistogram, toStyleNone, toStyleHistogram);
		assertTrue(dHistogram < 0.25 * dNone,
			"histogram matching keeps the content's colour statistics: " +
				dHistogram + " against " + dNone + " without");
	}

	/**
	 * Distance between two pictures' colour statistics: |Δmean| + |Δcovariance|
	 * (Frobenius), the statistics histogram matching transfers.
	 */
	public static double colourDistance(RgbImage a, RgbImage b) {
		double[] ma = ColourMatching.mean(a), mb = ColourMatching.mean(b);
		double[][] ca = ColourMatching.covariance(a), cb = ColourMatching
			.covariance(b);
		double dm = 0, dc = 0;
		for (int i = 0; i < 3; i++) {
			dm += (ma[i] - mb[i]) * (ma[i] - mb[i]);
			for (int j = 0; j < 3; j++)
				dc += (ca[i][j] - cb[i][j]) * (ca[i][j] - cb[i][j]);
		}
		return Math.sqrt(dm) + Math.sqrt(dc);
	}
}
