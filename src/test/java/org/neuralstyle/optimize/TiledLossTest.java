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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.neuralstyle.loss.ContentLoss;
import org.neuralstyle.image.Mask;
import org.neuralstyle.loss.GramMatrix;
import org.neuralstyle.loss.GuidedStyleLoss;
import org.neuralstyle.loss.LayerSum;
import org.neuralstyle.loss.StyleLoss;
import org.neuralstyle.net.Pooling;
import org.neuralstyle.net.SyntheticVgg;
import org.neuralstyle.net.Vgg;

/**
 * The tiled loss against the truth, the same loss computed on the whole image
 * at once: equal losses and an equal gradient up to float rounding, for odd
 * image sizes, every tile size down to one pooling cell, both poolings, and the
 * targets computed tile by tile.
 */
class TiledLossTest {

	private static final List<Object> NET = List.of(4, 4, "M", 8, 8, "M", 16, 16);

	@Test
	void tiledLossesAndGradientEqualTheWholeImagesForEveryTileSize()
		throws Exception
	{
		for (Pooling pooling : Pooling.values())
			for (int tile : pooling == Pooling.MAX ? new int[] { 4, 12, 64 }
				: new int[] { 8 })
				compare(pooling, tile, 37, 45, false);
	}

	@Test
	void tiledGuidedLossesAndGradientEqualTheWholeImagesWithTwoRegions()
		throws Exception
	{
		for (int tile : new int[] { 4, 12 })
			compare(Pooling.MAX, tile, 37, 45, true);
	}

	@Test
	void tiledGuidedGramMatricesEqualTheWholeImages() throws Exception {
		try (NDManager m = NDManager.newBaseManager();
				Vgg net = Vgg.load(new SyntheticVgg(NET, 3), "relu3_2", Pooling.MAX, m,
					Device.cpu()))
		{
			NDArray image = random(m, 29, 42, 5);
			Set<String> layers = Set.of("relu1_2", "relu2_1", "relu3_2");
			TileGrid grid = TileGrid.of(net.layers(), 29, 42, 8);
			Mask mask = softMask(42, 29, 9);
			Map<String, NDArray> masks = new java.util.HashMap<>();
			Map<String, Double> areas = new java.util.HashMap<>();
			for (String layer : layers) {
				Mask at = mask.pooled(TileGrid.scale(net.layers(), layer));
				masks.put(layer, m.create(at.weights(), new Shape(1, 1, at.height(), at
					.width())));
				areas.put(layer, at.area());
			}
			Map<String, NDArray> whole = net.features(image, layers);
			Map<String, NDArray> grams = TiledLoss.gramMatrices(net, grid, image,
				layers, masks, areas, m);
			for (String layer : layers)
				assertClose(GramMatrix.guided(whole.get(layer), masks.get(layer), areas
					.get(layer)).toFloatArray(), grams.get(layer).toFloatArray(), 1e-5,
					layer + " guided Gram matrix");
		}
	}

	/**
	 * Weights in [0,1]: 1 on the left, 0 on the right, a ramp between, with
	 * noise.
	 */
	static Mask softMask(int w, int h, long seed) {
		Random r = new Random(seed);
		float[] p = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				p[y * w + x] = Math.max(0, Math.min(1, 1.5f - 2f * x / w + 0.2f * (r
					.nextFloat() - 0.5f)));
		return new Mask(w, h, p);
	}

	@Test
	void tiledTargetsEqualTheWholeImagesFeatureMapsAndGramMatrices()
		throws Exception
	{
		try (NDManager m = NDManager.newBaseManager();
				Vgg net = Vgg.load(new SyntheticVgg(NET, 3), "relu3_2", Pooling.MAX, m,
					Device.cpu()))
		{
			NDArray image = random(m, 29, 42, 5);
			Set<String> layers = Set.of("relu1_2", "relu2_1", "relu3_2");
			TileGrid grid = TileGrid.of(net.layers(), 29, 42, 8);
			Map<String, NDArray> whole = net.features(image, layers);
			Map<String, NDArray> maps = TiledLoss.featureMaps(net, grid, image,
				layers, m);
			Map<String, NDArray> grams = TiledLoss.gramMatrices(net, grid, image,
				layers, m);
			for (String layer : layers) {
				assertEquals(whole.get(layer).getShape(), maps.get(layer).getShape(),
					layer);
				assertClose(whole.get(layer).toFloatArray(), maps.get(layer)
					.toFloatArray(), 1e-6, layer + " feature map");
				assertClose(GramMatrix.of(whole.get(layer)).toFloatArray(), grams.get(
					layer).toFloatArray(), 1e-5, layer + " Gram matrix");
			}
		}
	}

	@Test
	void aTileSmallerThanAPoolingCellIsRefusedSayingWhatWorks() throws Exception {
		try (NDManager m = NDManager.newBaseManager();
				Vgg net = Vgg.load(new SyntheticVgg(NET, 3), "relu3_2", Pooling.MAX, m,
					Device.cpu()))
		{
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> TileGrid.of(net.layers(), 40, 40, 3));
			assertTrue(e.getMessage().contains("at least 4 pixels"), e.getMessage());
		}
	}

	@Test
	void theAutomaticTileIsNoTileWhenTheImageFitsAndOtherwiseAWindowThatFits()
		throws Exception
	{
		try (NDManager m = NDManager.newBaseManager();
				Vgg net = Vgg.load(new SyntheticVgg(SyntheticVgg.VGG19, 3), "conv3_1",
					Pooling.MAX, m, Device.cpu()))
		{
			double perPixel = TileGrid.bytesPerPixel(net.layers());
			assertEquals(0, TileGrid.automatic(net.layers(), 512, 512,
				(long) (perPixel * 512 * 512) + 1));
			long budget = 1L << 30;
			int tile = TileGrid.automatic(net.layers(), 8192, 8192, budget);
			int window = tile + 2 * TileGrid.halo(net.layers());
			assertTrue(tile >= 4 && perPixel * window * window <= budget, "tile " +
				tile + " for 1 GB");
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> TileGrid.automatic(net.layers(), 8192, 8192, 1 << 20));
			assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
		}
	}

	private static void compare(Pooling pooling, int tile, int height, int width,
		boolean guided) throws Exception
	{
		try (NDManager m = NDManager.newBaseManager();
				Vgg net = Vgg.load(new SyntheticVgg(NET, 3), "relu3_2", pooling, m,
					Device.cpu()))
		{
			StyleTransferSettings s = new StyleTransferSettings();
			s.contentLayers = StyleTransferSettings.parseLayers("relu2_2");
			s.styleLayers = StyleTransferSettings.parseLayers(
				"relu1_1,relu2_1:0.5,relu3_2");
			s.styleWeight = 1e4;
			s.tvWeight = 3;
			NDArray content = random(m, height, width, 1), style = random(m, 30, 34,
				2), x = random(m, height, width, 3);
			Set<String> wanted = new LinkedHashSet<>(s.contentLayers.keySet());
			wanted.addAll(s.styleLayers.keySet());
			Map<String, NDArray> contentFeatures = net.features(content,
				s.contentLayers.keySet());
			Map<String, NDArray> styleFeatures = net.features(style, s.styleLayers
				.keySet());
			LayerSum contentLoss = new LayerSum(), styleLoss = new LayerSum();
			Map<String, List<GuidedStyleLoss.Guide>> guides =
				new java.util.LinkedHashMap<>();
			for (String l : s.contentLayers.keySet())
				contentLoss.add(l, s.contentLayers.get(l), new ContentLoss(
					contentFeatures.get(l)));
			Mask left = softMask(width, height, 4);
			float[] rest = new float[width * height];
			for (int i = 0; i < rest.length; i++)
				rest[i] = 1 - left.weights()[i];
			Mask right = new Mask(width, height, rest);
			NDArray otherStyle = random(m, 33, 31, 6);
			Map<String, NDArray> otherFeatures = net.features(otherStyle,
				s.styleLayers.keySet());
			for (String l : s.styleLayers.keySet()) {
				NDArray gram = GramMatrix.of(styleFeatures.get(l));
				if (!guided) {
					guides.put(l, List.of(new GuidedStyleLoss.Guide(null, 0, gram, 1f)));
					styleLoss.add(l, s.styleLayers.get(l), new StyleLoss(gram));
					continue;
				}
				int scale = TileGrid.scale(net.layers(), l);
				Mask a = left.pooled(scale), b = right.pooled(scale);
				List<GuidedStyleLoss.Guide> g = List.of(new GuidedStyleLoss.Guide(m
					.create(a.weights(), new Shape(1, 1, a.height(), a.width())), a
						.area(), gram, 1f), new GuidedStyleLoss.Guide(m.create(b.weights(),
							new Shape(1, 1, b.height(), b.width())), b.area(), GramMatrix.of(
								otherFeatures.get(l)), 0.5f));
				guides.put(l, g);
				styleLoss.add(l, s.styleLayers.get(l), new GuidedStyleLoss(g));
			}
			NDArray flat = x.reshape(3L * height * width);
			GatysStylizer.Graded whole = new GatysStylizer.LossFunction(net,
				contentLoss, styleLoss, wanted, s, width, height).gradient(flat);
			TileGrid grid = TileGrid.of(net.layers(), height, width, tile);
			GatysStylizer.Graded tiled = new TiledLoss(net, grid, s.contentLayers,
				ContentTargets.inMemory(contentFeatures, grid, net.layers()),
				s.styleLayers, guides, wanted, s).gradient(flat);
			String what = pooling + " pooling, tile " + tile + " (" + grid.tiles()
				.size() + " tiles): ";
			assertTrue(grid.tiles().size() > 1 || tile == 64, what + "several tiles");
			LossValues a = whole.losses(), b = tiled.losses();
			// Float sums in another order: measured up to 4e-7 relative.
			assertEquals(a.content(), b.content(), 1e-5 * a.content(), what +
				"content loss");
			assertEquals(a.style(), b.style(), 1e-5 * a.style(), what + "style loss");
			assertEquals(a.tv(), b.tv(), 1e-5 * a.tv(), what + "tv loss");
			assertClose(whole.gradient().toFloatArray(), tiled.gradient()
				.toFloatArray(), 1e-5, what + "gradient");
		}
	}

	/**
	 * Every element within {@code relative} of the largest magnitude of
	 * {@code expected}.
	 */
	private static void assertClose(float[] expected, float[] actual,
		double relative, String what)
	{
		assertEquals(expected.length, actual.length, what + " size");
		double scale = 0, worst = 0;
		for (float e : expected)
			scale = Math.max(scale, Math.abs(e));
		for (int i = 0; i < expected.length; i++)
			worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
		assertTrue(scale > 0, what + " is not all zero");
		assertTrue(worst <= relative * scale, what + ": largest difference " +
			worst + " against a largest value of " + scale);
	}

	private static NDArray random(NDManager m, int height, int width, long seed) {
		Random r = new Random(seed);
		float[] p = new float[3 * height * width];
		for (int i = 0; i < p.length; i++)
			p[i] = r.nextFloat();
		return m.create(p, new Shape(1, 3, height, width));
	}
}
