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

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.neuralstyle.image.Mask;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.loss.GramMatrix;
import org.neuralstyle.loss.GuidedStyleLoss;
import org.neuralstyle.loss.LayerSum;
import org.neuralstyle.net.Vgg;

/**
 * The style loss's guides when each region has its own style (Gatys et al.
 * 2017, guided Gram matrices), at one scale. A region's mask, given at the
 * content's size, is resized to the scale's working size (area averaging), then
 * shrunk to each style layer by averaging over the pooling cells before it
 * ({@link Mask#pooled}), which is what the network's poolings do to positions.
 * A style image's own mask is treated alike at the style image's size, and its
 * Gram matrix is taken over that region only.
 */
final class RegionGuides {

	private RegionGuides() {}

	/**
	 * Per style layer, the guide of each region with a positive weight (attached
	 * to {@code owner}). A region too small to cover any of a layer's positions
	 * has no guide there; a layer none covers has none at all.
	 *
	 * @param tile 0: targets in one pass; otherwise tile by tile
	 */
	static Map<String, List<GuidedStyleLoss.Guide>> of(Vgg net,
		List<GatysStylizer.Region> regions, RgbImage work, int tile,
		StyleTransferSettings s, Function<GatysStylizer.Style, RgbImage> styleImage,
		NDManager owner)
	{
		Map<String, List<GuidedStyleLoss.Guide>> guides = new LinkedHashMap<>();
		for (String layer : s.styleLayers.keySet())
			guides.put(layer, new ArrayList<>());
		for (int k = 0; k < regions.size(); k++) {
			GatysStylizer.Region r = regions.get(k);
			if (r.style().weight() == 0) continue;
			RgbImage img = styleImage.apply(r.style());
			Mask styleMask = r.styleMask() == null ? null : r.styleMask().resized(img
				.width(), img.height());
			Map<String, NDArray> targets = targets(net, img, styleMask, tile, s, k,
				owner);
			Mask mask = r.mask().resized(work.width(), work.height());
			for (String layer : s.styleLayers.keySet()) {
				Mask at = mask.pooled(TileGrid.scale(net.layers(), layer));
				double area = at.area();
				if (area == 0) continue;
				guides.get(layer).add(new GuidedStyleLoss.Guide(array(owner, at), area,
					targets.get(layer), (float) r.style().weight()));
			}
		}
		guides.values().removeIf(List::isEmpty);
		return guides;
	}

	/** The style loss of an untiled evaluation. */
	static LayerSum styleLoss(Vgg net, List<GatysStylizer.Region> regions,
		RgbImage work, StyleTransferSettings s,
		Function<GatysStylizer.Style, RgbImage> styleImage, NDManager owner)
	{
		Map<String, List<GuidedStyleLoss.Guide>> guides = of(net, regions, work, 0,
			s, styleImage, owner);
		LayerSum loss = new LayerSum();
		for (Map.Entry<String, Float> layer : s.styleLayers.entrySet()) {
			List<GuidedStyleLoss.Guide> g = guides.get(layer.getKey());
			if (g != null) loss.add(layer.getKey(), layer.getValue(),
				new GuidedStyleLoss(g));
		}
		return loss;
	}

	/**
	 * The target Gram matrix per style layer of one region's style image, over
	 * its mask when it has one.
	 */
	private static Map<String, NDArray> targets(Vgg net, RgbImage img,
		Mask styleMask, int tile, StyleTransferSettings s, int region,
		NDManager owner)
	{
		Map<String, NDArray> masks = null;
		Map<String, Double> areas = null;
		Map<String, NDArray> targets = new LinkedHashMap<>();
		try (NDManager scope = owner.newSubManager()) {
			if (styleMask != null) {
				masks = new LinkedHashMap<>();
				areas = new LinkedHashMap<>();
				for (String layer : s.styleLayers.keySet()) {
					Mask at = styleMask.pooled(TileGrid.scale(net.layers(), layer));
					if (at.area() == 0) throw new IllegalArgumentException(String.format(
						Locale.ROOT,
						"The style mask of region %d covers no position of layer %s at the style image's size (%d×%d): " +
							"give it a larger area, a larger style scale, or layers nearer the input.",
						region + 1, layer, img.width(), img.height()));
					masks.put(layer, array(scope, at));
					areas.put(layer, at.area());
				}
			}
			NDArray image = GatysStylizer.toArray(scope, img);
			if (tile == 0) {
				Map<String, NDArray> features = net.features(image, s.styleLayers
					.keySet());
				for (String layer : s.styleLayers.keySet())
					targets.put(layer, masks == null ? GramMatrix.of(features.get(layer))
						: GramMatrix.guided(features.get(layer), masks.get(layer), areas
							.get(layer)));
			}
			else targets = TiledLoss.gramMatrices(net, TileGrid.of(net.layers(), img
				.height(), img.width(), tile), image, s.styleLayers.keySet(), masks,
				areas, scope);
			for (NDArray t : targets.values())
				t.attach(owner);
		}
		return targets;
	}

	private static NDArray array(NDManager m, Mask mask) {
		return m.create(mask.weights(), new Shape(1, 1, mask.height(), mask
			.width()));
	}
}
