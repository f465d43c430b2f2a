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

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neuralstyle.tensor.NativeMemory;
import org.neuralstyle.loss.GramMatrix;
import org.neuralstyle.loss.GuidedStyleLoss;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;
import org.neuralstyle.tensor.Scalars;

/**
 * The optimization's loss and its exact gradient for an image of any size, with
 * memory bounded by one tile ({@link TileGrid}). Two passes per evaluation:
 * <ol>
 * <li>Forward only, tile by tile: a Gram matrix is a sum over positions, so the
 * whole image's Gram matrices are the sums over the tiles' cores; the content
 * loss and total variation are sums of local terms. This gives the losses, and
 * dL/dG for every style layer.</li>
 * <li>Tile by tile with gradients: each tile's window is differentiated through
 * a surrogate whose gradient is the tile's share of the whole loss's: ⟨dL/dG,
 * the core's Gram sum⟩ with dL/dG held constant, plus the core's content and
 * total-variation terms. The window gradients, halo included, add up to the
 * whole image's gradient.</li>
 * </ol>
 * Each position is in exactly one core, so nothing is counted twice; the sums
 * only run in another order than the untiled computation's, which changes the
 * last bits.
 */
final class TiledLoss implements ImageLoss {

	private final Vgg net;
	private final List<VggLayer> layers;
	private final TileGrid grid;
	private final Map<String, Float> contentLayers;
	private final ContentTargets contentTargets;
	private final Map<String, Float> styleLayers;
	private final Map<String, List<GuidedStyleLoss.Guide>> styleGuides;
	private final Set<String> wanted;
	private final StyleTransferSettings s;
	private final Shape imageShape;

	/**
	 * @param contentTargets the content image's feature maps in the content
	 *          layers, or null without a content loss; closed with this loss
	 * @param styleGuides per style layer, the target Gram matrix of each region
	 *          (C×C, normalized by C times the region's area), with the region's
	 *          weights at the layer's resolution (1×1×h×w); one guide whose mask
	 *          is null is the whole image
	 */
	TiledLoss(Vgg net, TileGrid grid, Map<String, Float> contentLayers,
		ContentTargets contentTargets, Map<String, Float> styleLayers,
		Map<String, List<GuidedStyleLoss.Guide>> styleGuides, Set<String> wanted,
		StyleTransferSettings s)
	{
		this.net = net;
		this.layers = net.layers();
		this.grid = grid;
		this.contentLayers = contentTargets == null ? Map.of() : contentLayers;
		this.contentTargets = contentTargets;
		this.styleLayers = styleGuides.isEmpty() ? Map.of() : styleLayers;
		this.styleGuides = styleGuides;
		this.wanted = wanted;
		this.s = s;
		this.imageShape = new Shape(1, 3, grid.height(), grid.width());
	}

	/** Deletes the content targets' file, if they have one. */
	@Override
	public void close() {
		if (contentTargets != null) contentTargets.close();
	}

	/**
	 * What the forward pass measures: the Gram sums per style layer and the
	 * losses.
	 */
	private record Measured(Map<String, List<NDArray>> gramSums,
			LossValues losses) {
	}

	@Override
	public LossValues losses(NDArray x) {
		try (NDManager scope = x.getManager().newSubManager()) {
			x.tempAttach(scope);
			return measure(x.reshape(imageShape), scope).losses();
		}
	}

	@Override
	public GatysStylizer.Graded gradient(NDArray x) {
		NDManager home = x.getManager();
		try (NDManager scope = home.newSubManager()) {
			x.tempAttach(scope);
			NDArray image = x.reshape(imageShape);
			Measured measured = measure(image, scope);
			Map<String, List<NDArray>> slopes = gramSlopes(measured.gramSums());
			NDArray gradient = scope.zeros(imageShape, x.getDataType());
			for (TileGrid.Tile t : grid.tiles()) {
				try (NDManager tileScope = scope.newSubManager()) {
					NDIndex window = window(t);
					NDArray leaf = image.get(window).duplicate();
					leaf.attach(tileScope);
					leaf.setRequiresGradient(true);
					try (GradientCollector collector = Engine.getInstance()
						.newGradientCollector())
					{
						collector.backward(surrogate(t, leaf, slopes));
					}
					gradient.set(window, gradient.get(window).add(leaf.getGradient()));
				}
			}
			NativeMemory.trim();
			NDArray flat = gradient.reshape(x.getShape());
			flat.attach(home);
			return new GatysStylizer.Graded(measured.losses(), flat);
		}
	}

	/**
	 * Pass 1: the Gram sums over all cores and the weighted losses, without
	 * gradients.
	 */
	private Measured measure(NDArray image, NDManager owner) {
		Map<String, List<NDArray>> gramSums = new LinkedHashMap<>();
		Map<String, Double> contentSums = new LinkedHashMap<>();
		double tvRows = 0, tvColumns = 0;
		for (TileGrid.Tile t : grid.tiles()) {
			try (NDManager tileScope = owner.newSubManager()) {
				NDArray window = image.get(window(t));
				window.attach(tileScope);
				Map<String, NDArray> features = net.features(window, wanted);
				for (String layer : styleLayers.keySet()) {
					List<GuidedStyleLoss.Guide> guides = styleGuides.get(layer);
					List<NDArray> totals = gramSums.computeIfAbsent(layer,
						l -> new ArrayList<>());
					for (int r = 0; r < guides.size(); r++) {
						NDArray sum = coreGram(t, layer, features.get(layer), guides.get(r)
							.mask());
						if (totals.size() == r) {
							sum.attach(owner);
							totals.add(sum);
						}
						else totals.get(r).addi(sum);
					}
				}
				for (String layer : contentLayers.keySet())
					contentSums.merge(layer, (double) contentDifference(t, layer, features
						.get(layer), tileScope).square().sum().getFloat(), Double::sum);
				if (s.tvWeight > 0) {
					tvRows += rowDifferences(t, window).square().sum().getFloat();
					tvColumns += columnDifferences(t, window).square().sum().getFloat();
				}
			}
		}
		// The heap keeps freed blocks for the next tile (MainArena); between the
		// passes, with their different arrays, it gives them back, or the holes
		// add up (4096²: 6.4 GB peak instead of 5.5 GB).
		NativeMemory.trim();
		double content = 0;
		for (Map.Entry<String, Float> layer : contentLayers.entrySet())
			content += layer.getValue() * contentSums.get(layer.getKey()) /
				contentTargets.elements(layer.getKey());
		double style = 0;
		for (Map.Entry<String, Float> layer : styleLayers.entrySet()) {
			List<GuidedStyleLoss.Guide> guides = styleGuides.get(layer.getKey());
			for (int r = 0; r < guides.size(); r++) {
				GuidedStyleLoss.Guide g = guides.get(r);
				NDArray gram = normalized(layer.getKey(), gramSums.get(layer.getKey())
					.get(r), g);
				style += layer.getValue() * (g.weight() * gram.sub(g.target()).square()
					.mean().getFloat());
			}
		}
		double tv = tvRows / rowPairs() + tvColumns / columnPairs();
		float c = (float) (s.contentWeight * content), st = (float) (s
			.effectiveStyleWeight() * style), v = s.tvWeight > 0
				? (float) (s.tvWeight * tv) : 0f;
		return new Measured(gramSums, new LossValues(c, st, v, c + st + v));
	}

	/**
	 * dL/d(Gram sum) per style layer and region: L = w·w_l·w_r·mean((S/(C·N) −
	 * A)²) for the (mask-weighted) sum S over positions and the region's area N,
	 * so dL/dS = w·w_l·w_r·2·(S/(C·N) − A) / (C²·C·N).
	 */
	private Map<String, List<NDArray>> gramSlopes(
		Map<String, List<NDArray>> gramSums)
	{
		Map<String, List<NDArray>> slopes = new LinkedHashMap<>();
		for (Map.Entry<String, Float> layer : styleLayers.entrySet()) {
			String name = layer.getKey();
			List<GuidedStyleLoss.Guide> guides = styleGuides.get(name);
			List<NDArray> layerSlopes = new ArrayList<>();
			for (int r = 0; r < guides.size(); r++) {
				GuidedStyleLoss.Guide g = guides.get(r);
				NDArray sum = gramSums.get(name).get(r);
				long c = sum.getShape().get(0);
				double positions = area(name, g);
				double factor = s.effectiveStyleWeight() * layer.getValue() * 2 /
					((double) c * c * c * positions) * g.weight();
				layerSlopes.add(Scalars.times(normalized(name, sum, g).sub(g.target()),
					(float) factor));
			}
			slopes.put(name, layerSlopes);
		}
		return slopes;
	}

	/**
	 * Pass 2's scalar for one tile: its share of the loss, with the Gram slopes
	 * held constant.
	 */
	private NDArray surrogate(TileGrid.Tile t, NDArray window,
		Map<String, List<NDArray>> slopes)
	{
		Map<String, NDArray> features = net.features(window, wanted);
		NDArray total = Scalars.of(window.getManager(), 0f, window);
		for (String layer : styleLayers.keySet()) {
			List<GuidedStyleLoss.Guide> guides = styleGuides.get(layer);
			for (int r = 0; r < guides.size(); r++)
				total = total.add(coreGram(t, layer, features.get(layer), guides.get(r)
					.mask()).mul(slopes.get(layer).get(r)).sum());
		}
		for (Map.Entry<String, Float> layer : contentLayers.entrySet()) {
			float factor = (float) (s.contentWeight * layer.getValue() /
				contentTargets.elements(layer.getKey()));
			total = total.add(Scalars.times(contentDifference(t, layer.getKey(),
				features.get(layer.getKey()), window.getManager()).square().sum(),
				factor));
		}
		if (s.tvWeight > 0) {
			total = total.add(Scalars.times(rowDifferences(t, window).square().sum(),
				(float) (s.tvWeight / rowPairs())));
			total = total.add(Scalars.times(columnDifferences(t, window).square()
				.sum(), (float) (s.tvWeight / columnPairs())));
		}
		return total;
	}

	private NDArray coreGram(TileGrid.Tile t, String layer,
		NDArray windowFeatures, NDArray mask)
	{
		return coreGram(grid, layers, t, layer, windowFeatures, mask);
	}

	/**
	 * Σ m·F·Fᵀ over the tile's core positions of a layer (C×C, not normalized),
	 * with the region's weights m there ({@code mask}, the whole layer's,
	 * 1×1×h×w), or all 1 when {@code mask} is null.
	 */
	private static NDArray coreGram(TileGrid grid, List<VggLayer> layers,
		TileGrid.Tile t, String layer, NDArray windowFeatures, NDArray mask)
	{
		NDArray core = core(grid, layers, t, layer, windowFeatures);
		NDArray f = core.reshape(core.getShape().get(1), -1);
		return GramMatrix.product(f, mask == null ? null : coreOfMap(grid, layers,
			t, layer, mask).reshape(1, -1));
	}

	/** The tile's core in a whole-image map of a layer (1×C×h×w). */
	private static NDArray coreOfMap(TileGrid grid, List<VggLayer> layers,
		TileGrid.Tile t, String layer, NDArray map)
	{
		int scale = TileGrid.scale(layers, layer);
		int[] rows = grid.coreInFeatures(t.top(), t.bottom(), grid.height(), scale);
		int[] columns = grid.coreInFeatures(t.left(), t.right(), grid.width(),
			scale);
		return map.get(new NDIndex(":, :, {}:{}, {}:{}", rows[0], rows[1],
			columns[0], columns[1]));
	}

	/** The core's feature map minus the content's there. */
	private NDArray contentDifference(TileGrid.Tile t, String layer,
		NDArray windowFeatures, NDManager scope)
	{
		return core(t, layer, windowFeatures).sub(contentTargets.core(t, layer,
			scope));
	}

	private NDArray core(TileGrid.Tile t, String layer, NDArray windowFeatures) {
		return core(grid, layers, t, layer, windowFeatures);
	}

	/** The part of a window's feature map that belongs to the tile's core. */
	static NDArray core(TileGrid grid, List<VggLayer> layers, TileGrid.Tile t,
		String layer, NDArray windowFeatures)
	{
		int scale = TileGrid.scale(layers, layer);
		int[] rows = grid.coreInFeatures(t.top(), t.bottom(), grid.height(), scale);
		int[] columns = grid.coreInFeatures(t.left(), t.right(), grid.width(),
			scale);
		int top = rows[0] - t.windowTop() / scale, left = columns[0] - t
			.windowLeft() / scale;
		return windowFeatures.get(new NDIndex(":, :, {}:{}, {}:{}", top, top +
			rows[1] - rows[0], left, left + columns[1] - columns[0]));
	}

	/**
	 * Vertical neighbour differences whose upper pixel lies in the core (the
	 * image's TV pairs).
	 */
	private NDArray rowDifferences(TileGrid.Tile t, NDArray window) {
		int from = t.top() - t.windowTop(), to = Math.min(t.bottom(), grid
			.height() - 1) - t.windowTop();
		int left = t.left() - t.windowLeft(), right = t.right() - t.windowLeft();
		return window.get(new NDIndex(":, :, {}:{}, {}:{}", from + 1, to + 1, left,
			right)).sub(window.get(new NDIndex(":, :, {}:{}, {}:{}", from, to, left,
				right)));
	}

	/** Horizontal neighbour differences whose left pixel lies in the core. */
	private NDArray columnDifferences(TileGrid.Tile t, NDArray window) {
		int top = t.top() - t.windowTop(), bottom = t.bottom() - t.windowTop();
		int from = t.left() - t.windowLeft(), to = Math.min(t.right(), grid
			.width() - 1) - t.windowLeft();
		return window.get(new NDIndex(":, :, {}:{}, {}:{}", top, bottom, from + 1,
			to + 1)).sub(window.get(new NDIndex(":, :, {}:{}, {}:{}", top, bottom,
				from, to)));
	}

	private NDArray normalized(String layer, NDArray gramSum,
		GuidedStyleLoss.Guide guide)
	{
		long c = gramSum.getShape().get(0);
		return Scalars.dividedBy(gramSum, (float) (c * area(layer, guide)));
	}

	/** The region's area at a layer: the map's positions for the whole image. */
	private double area(String layer, GuidedStyleLoss.Guide guide) {
		return guide.mask() == null ? featurePositions(layer) : guide.area();
	}

	private double featurePositions(String layer) {
		int scale = TileGrid.scale(layers, layer);
		return (double) (grid.height() / scale) * (grid.width() / scale);
	}

	private double rowPairs() {
		return 3.0 * (grid.height() - 1) * grid.width();
	}

	private double columnPairs() {
		return 3.0 * grid.height() * (grid.width() - 1);
	}

	/** What is done with one tile's feature maps (in a scope closed after it). */
	@FunctionalInterface
	interface TileVisitor {

		void visit(TileGrid.Tile t, Map<String, NDArray> features);
	}

	/**
	 * Runs every tile's window through the network without gradients, one tile in
	 * memory at a time.
	 */
	static void forEachTile(Vgg net, TileGrid grid, NDArray image,
		Set<String> wanted, NDManager owner, TileVisitor visitor)
	{
		for (TileGrid.Tile t : grid.tiles()) {
			try (NDManager tileScope = owner.newSubManager()) {
				NDArray window = image.get(window(t));
				window.attach(tileScope);
				visitor.visit(t, net.features(window, wanted));
			}
		}
		NativeMemory.trim();
	}

	/**
	 * The whole feature map of each layer for an image (1×3×H×W), computed tile
	 * by tile without gradients: the content targets of an image too large for
	 * one pass.
	 */
	static Map<String, NDArray> featureMaps(Vgg net, TileGrid grid, NDArray image,
		Set<String> wanted, NDManager owner)
	{
		List<VggLayer> layers = net.layers();
		Map<String, NDArray> maps = new LinkedHashMap<>();
		forEachTile(net, grid, image, wanted, owner, (t, features) -> {
			for (String layer : wanted) {
				int scale = TileGrid.scale(layers, layer);
				NDArray core = core(grid, layers, t, layer, features.get(layer));
				NDArray map = maps.computeIfAbsent(layer, l -> owner.zeros(new Shape(1,
					core.getShape().get(1), grid.height() / scale, grid.width() / scale),
					core.getDataType()));
				int[] rows = grid.coreInFeatures(t.top(), t.bottom(), grid.height(),
					scale);
				int[] columns = grid.coreInFeatures(t.left(), t.right(), grid.width(),
					scale);
				map.set(new NDIndex(":, :, {}:{}, {}:{}", rows[0], rows[1], columns[0],
					columns[1]), core);
			}
		});
		return maps;
	}

	/**
	 * The Gram matrix of each layer for an image (C×C, normalized by C·h·w), tile
	 * by tile without gradients.
	 */
	static Map<String, NDArray> gramMatrices(Vgg net, TileGrid grid,
		NDArray image, Set<String> wanted, NDManager owner)
	{
		return gramMatrices(net, grid, image, wanted, null, null, owner);
	}

	/**
	 * The guided Gram matrix of each layer for an image over a region, tile by
	 * tile without gradients: {@code masks} holds the region's weights per layer
	 * at its resolution (1×1×h×w) and {@code areas} their sums; null masks: the
	 * whole image.
	 */
	static Map<String, NDArray> gramMatrices(Vgg net, TileGrid grid,
		NDArray image, Set<String> wanted, Map<String, NDArray> masks,
		Map<String, Double> areas, NDManager owner)
	{
		List<VggLayer> layers = net.layers();
		Map<String, NDArray> sums = new LinkedHashMap<>();
		forEachTile(net, grid, image, wanted, owner, (t, features) -> {
			for (String layer : wanted) {
				NDArray sum = coreGram(grid, layers, t, layer, features.get(layer),
					masks == null ? null : masks.get(layer));
				NDArray total = sums.get(layer);
				if (total == null) {
					sum.attach(owner);
					sums.put(layer, sum);
				}
				else total.addi(sum);
			}
		});
		Map<String, NDArray> grams = new LinkedHashMap<>();
		for (Map.Entry<String, NDArray> sum : sums.entrySet()) {
			int scale = TileGrid.scale(layers, sum.getKey());
			long c = sum.getValue().getShape().get(0);
			double positions = masks == null ? (double) (grid.height() / scale) *
				(grid.width() / scale) : areas.get(sum.getKey());
			grams.put(sum.getKey(), Scalars.dividedBy(sum.getValue(), (float) (c *
				positions)));
		}
		return grams;
	}

	private static NDIndex window(TileGrid.Tile t) {
		return new NDIndex(":, :, {}:{}, {}:{}", t.windowTop(), t.windowBottom(), t
			.windowLeft(), t.windowRight());
	}
}
