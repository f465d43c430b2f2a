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
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.neuralstyle.image.ColourMatching;
import org.neuralstyle.image.Luminance;
import org.neuralstyle.image.Mask;
import org.neuralstyle.image.Resampling;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.Devices;
import org.neuralstyle.net.Preprocessing;
import org.neuralstyle.net.FeatureNetwork;
import org.neuralstyle.net.Pooling;
import org.neuralstyle.net.SqueezeLayer;
import org.neuralstyle.net.SqueezeNet;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;
import org.neuralstyle.checkpoint.KerasWeights;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.tensor.GradientRecording;
import org.neuralstyle.tensor.Scalars;
import org.neuralstyle.loss.ContentLoss;
import org.neuralstyle.loss.LayerSum;
import org.neuralstyle.loss.GramMatrix;
import org.neuralstyle.loss.GuidedStyleLoss;
import org.neuralstyle.loss.StyleLoss;
import org.neuralstyle.loss.TotalVariation;
import org.neuralstyle.optim.Adam;
import org.neuralstyle.optim.Evaluation;
import org.neuralstyle.optim.Lbfgs;
import org.neuralstyle.optim.Optimizer;

/**
 * Neural style transfer by optimization (Gatys, Ecker and Bethge, 2016): the
 * pixels of the output are optimized so that its VGG feature maps match the
 * content image's and its Gram matrices match the style images'. One instance
 * holds a weights file and the feature network loaded from it, and can run many
 * stylizations (the network is reloaded only when a run needs deeper layers or
 * another pooling).
 */
public final class GatysStylizer implements AutoCloseable {

	private final StateDict weights;
	private final Device device;
	private final NDManager manager;
	private final List<VggLayer> layout;
	/** The modules of a SqueezeNet checkpoint; null for a VGG. */
	private final List<SqueezeLayer> squeezeLayout;
	private FeatureNetwork vgg;
	private String vggKey;

	/**
	 * @param weights a VGG (torchvision's, or Keras' .h5 read as torchvision's)
	 *          or a torchvision SqueezeNet
	 */
	public GatysStylizer(StateDict weights, Device device) throws IOException {
		this.weights = weights;
		this.device = device;
		boolean squeeze = SqueezeNet.isSqueezeNet(weights);
		this.squeezeLayout = squeeze ? SqueezeNet.layout(weights) : null;
		this.layout = squeeze ? List.of() : Vgg.layout(weights);
		this.manager = NDManager.newBaseManager(device);
	}

	/**
	 * The layers of a VGG checkpoint, for validating layer names and estimating a
	 * run; empty for a SqueezeNet, whose runs are not estimated (it is two orders
	 * of magnitude smaller than VGG).
	 */
	public List<VggLayer> layout() {
		return layout;
	}

	/** The deepest of the named layers; unknown names are refused. */
	private String deepest(Collection<String> names) {
		return squeezeLayout != null ? SqueezeNet.deepest(squeezeLayout, names)
			: Vgg.deepest(layout, names);
	}

	/** The shortest image side the network takes down to {@code deepest}. */
	private int minimumSide(String deepest) {
		return squeezeLayout != null ? SqueezeNet.minimumSide(squeezeLayout,
			deepest) : Vgg.minimumSide(layout, deepest);
	}

	/**
	 * The settings as these weights need them: Keras' VGG weights (converted from
	 * Caffe) take BGR input in 0–255 with Caffe's means subtracted, whatever a
	 * preset written for torchvision's weights says; SqueezeNet has max poolings
	 * only.
	 */
	private StyleTransferSettings forTheseWeights(StyleTransferSettings s) {
		if (squeezeLayout != null && s.pooling != Pooling.MAX)
			throw new IllegalArgumentException(
				"SqueezeNet's poolings are max poolings (torchvision's, with ceil mode); average pooling is for VGG networks. Use max pooling.");
		if (!KerasWeights.isKeras(weights) ||
			s.preprocessing == Preprocessing.CAFFE) return s;
		StyleTransferSettings caffe = s.copy();
		caffe.preprocessing = Preprocessing.CAFFE;
		return caffe;
	}

	/** One style image and its share in the blend of target Gram matrices. */
	public record Style(RgbImage image, double weight) {
	}

	/**
	 * A region of the content with its own style (Gatys et al. 2017): the style
	 * loss compares the output's Gram matrices over {@code mask} (at the
	 * content's size) with the style image's, over {@code styleMask} when it is
	 * not null. The style's weight scales the region's style loss.
	 */
	public record Region(Mask mask, Style style, Mask styleMask) {
	}

	/**
	 * Stylizes {@code content}. The result has the working size: the content's,
	 * or smaller when its long side exceeds
	 * {@link StyleTransferSettings#maxSize}.
	 */
	public StylizationResult run(RgbImage content, List<Style> styles,
		StyleTransferSettings s, StylizationListener listener) throws IOException
	{
		return run(content, styles, List.of(), s, listener, null);
	}

	/**
	 * Stylizes {@code content} after a blend of {@code styles}, or with a style
	 * per region when {@code regions} is not empty (then {@code styles} must be):
	 * positions outside every region keep the content (only its content loss
	 * applies there).
	 */
	public StylizationResult run(RgbImage content, List<Style> styles,
		List<Region> regions, StyleTransferSettings s, StylizationListener listener)
		throws IOException
	{
		return run(content, styles, regions, s, listener, null);
	}

	/**
	 * As
	 * {@link #run(RgbImage, List, StyleTransferSettings, StylizationListener)},
	 * for a plane of a sequence: with a prior, the run starts from the previous
	 * plane's result warped onto this one, and the temporal loss ties it there.
	 */
	StylizationResult run(RgbImage content, List<Style> styles,
		StyleTransferSettings s, StylizationListener listener, TemporalPrior prior)
		throws IOException
	{
		return run(content, styles, List.of(), s, listener, prior);
	}

	/**
	 * The run every public one is: a blend of {@code styles} or a style per
	 * region, from the content or (with a prior) from the previous plane's
	 * result, with the temporal loss wrapped around whichever loss that is.
	 */
	StylizationResult run(RgbImage content, List<Style> styles,
		List<Region> regions, StyleTransferSettings s, StylizationListener listener,
		TemporalPrior prior) throws IOException
	{
		s.validate();
		s = forTheseWeights(s);
		double blendSum = checkedBlendSum(content, styles, regions, s);
		RgbImage colourSource = workingContent(content, s.maxSize);
		RgbImage work = s.luminanceOnly() ? Luminance.gray(colourSource)
			: colourSource;

		// Only the layers a loss with a positive weight needs are computed.
		boolean styled = s.effectiveStyleWeight() > 0 && !(styles.isEmpty() &&
			regions.isEmpty());
		List<Style> used = new ArrayList<>(styles);
		for (Region r : regions)
			used.add(r.style());
		Set<String> allLayers = new LinkedHashSet<>();
		if (s.contentWeight > 0) allLayers.addAll(s.contentLayers.keySet());
		if (styled) allLayers.addAll(s.styleLayers.keySet());
		if (allLayers.isEmpty()) throw new IllegalArgumentException(
			"Nothing to optimize: give a style image or a positive content weight");
		requireSize("the content image", content, work.width(), work.height(),
			deepest(allLayers), "", "use a larger image");
		List<int[]> sizes = scaleSizes(work.width(), work.height(), s.scales,
			s.minSize);
		int[] shares = iterationShares(s.iterations, s.scales);
		requireSmallestScale(sizes.get(0), work, s, deepest(allLayers));
		if (styled) requireStyleSizes(used, sizes, s);
		FeatureNetwork net = network(deepest(allLayers), s);
		// Guided Gram matrices follow VGG's poolings and the tutorial's losses.
		if (!regions.isEmpty() && (!(net instanceof Vgg) || !s.tutorialLossForms()))
			throw new IllegalArgumentException(
				"Regions work with VGG networks and the tutorial's losses only: choose vgg19 or vgg16 without a preset.");

		try (GradientRecording.Turn turn = GradientRecording.take(listener::waiting,
			listener::cancelled); NDManager run = manager.newSubManager())
		{
			// Cancelled while waiting (!turn.held()): the loop's first evaluation
			// sees the same cancel and ends the run with the starting image, before
			// it records anything.
			if (sizes.size() == 1) {
				StylizationListener.Scale only = new StylizationListener.Scale(1, 1,
					work.width(), work.height(), s.iterations);
				listener.scaleStarted(only);
				NDArray x = new VariableSpace(s).fromPixels(prior == null
					? initialImage(run, work, s) : prior.start(run, work.width(), work
						.height(), s.luminanceOnly())).reshape(3L * work.width() * work
							.height());
				return optimizeAt(net, work, colourSource, x, styles, blendSum, regions,
					allLayers, styled, s, listener, only, 0, work, colourSource, run,
					prior);
			}
			// Coarse to fine: each scale has its own targets (content and style at
			// its size) and optimizer, and starts from the previous scale's result,
			// upsampled.
			RgbImage previous = null;
			int offset = 0;
			for (int k = 0; k < sizes.size(); k++) {
				int w = sizes.get(k)[0], h = sizes.get(k)[1];
				StylizationListener.Scale scale = new StylizationListener.Scale(k + 1,
					sizes.size(), w, h, shares[k]);
				listener.scaleStarted(scale);
				RgbImage colourAt = Resampling.resize(colourSource, w, h);
				RgbImage workAt = s.luminanceOnly() ? Luminance.gray(colourAt)
					: colourAt;
				try (NDManager scope = run.newSubManager()) {
					NDArray start = new VariableSpace(s).fromPixels(previous != null
						? toArray(scope, Resampling.resize(previous, w, h)) : prior == null
							? initialImage(scope, workAt, s) : prior.start(scope, w, h, s
								.luminanceOnly()));
					NDArray x = start.reshape(3L * w * h);
					StylizationResult r = optimizeAt(net, workAt, colourAt, x, styles,
						blendSum, regions, allLayers, styled, s, listener, scale, offset,
						work, colourSource, scope, prior);
					boolean last = k == sizes.size() - 1;
					if (last || r.outcome() == StylizationResult.Outcome.CANCELLED || r
						.outcome() == StylizationResult.Outcome.DIVERGED) return r;
					previous = r.image();
					offset = r.iterations();
				}
			}
			throw new IllegalStateException("unreachable: the last scale returns");
		}
	}

	/**
	 * The optimization at one scale: its loss (tiled or not), from {@code x}
	 * (flat, at the scale's size), for the scale's share of the iterations,
	 * numbered from {@code offset}.
	 */
	private static StylizationResult optimizeAt(FeatureNetwork net, RgbImage work,
		RgbImage colourSource, NDArray x, List<Style> styles, double blendSum,
		List<Region> regions, Set<String> allLayers, boolean styled,
		StyleTransferSettings s, StylizationListener listener,
		StylizationListener.Scale scale, int offset, RgbImage finalWork,
		RgbImage finalColour, NDManager owner, TemporalPrior prior)
	{
		// Targets are computed once, outside any gradient recording: they are
		// constants.
		if (s.tile > 0 && !s.tutorialLossForms())
			throw new IllegalArgumentException(
				"Tiles compute the tutorial's losses only, not this preset's: set the tile size to 0.");
		// Tiles follow VGG's poolings: SqueezeNet's strided convolution and
		// ceil-mode poolings do not tile exactly.
		if (s.tile > 0 && !(net instanceof Vgg)) throw new IllegalArgumentException(
			"Tiles work with VGG networks only; SqueezeNet is small enough for whole images: set the tile size to 0.");
		Device device = owner.getDevice();
		long available = Devices.availableMemory(device);
		int tile = !s.tutorialLossForms() || !(net instanceof Vgg vggNet) ? 0
			: s.tile == StyleTransferSettings.TILE_AUTOMATIC ? TileGrid.automatic(
				vggNet.layers(), work.height(), work.width(), Math.min(available,
					TileGrid.WORKING_SET_CAP)) : s.tile;
		// The optimizer's state as the estimate plans it for this scale and tile;
		// SqueezeNet has no estimate, so its state is planned from the image alone.
		OptimizerMemory state = net instanceof Vgg vgg ? RunEstimate.at(vgg
			.layers(), s, tile, work.width(), work.height(), styled, !device.isGpu(),
			2 * available, 1, 0, (long) finalWork.width() * finalWork.height())
			.optimizer() : OptimizerMemory.plan(s, 3L * work.width() * work.height(),
				!device.isGpu(), 2 * available, 0);
		ImageLoss f;
		if (tile == 0) {
			LayerSum contentLoss = s.contentWeight > 0 ? contentLoss(net, work, s,
				owner) : new LayerSum();
			LayerSum styleLoss = !styled ? new LayerSum() : regions.isEmpty()
				? styleLoss(net, styles, blendSum, work, colourSource, s, owner)
				: RegionGuides.styleLoss((Vgg) net, regions, work, s, st -> styleImage(
					st, work, colourSource, s), owner);
			f = new LossFunction(net, contentLoss, styleLoss, allLayers, s, work
				.width(), work.height());
		}
		else f = tiledLoss((Vgg) net, tile, styles, blendSum, regions, work,
			colourSource, allLayers, styled, s, owner);
		ImageLoss loss = prior == null ? f : prior.around(f, work.width(), work
			.height(), s.luminanceOnly(), owner);
		try (loss) {
			return new Loop(loss, x, s, state, listener, work, scale, offset,
				finalWork, finalColour).execute();
		}
	}

	/**
	 * The (width, height) of each scale, smallest first, the last the working
	 * size. With {@code minSize} 0 each long side is √2 times the one before (as
	 * in crowsonkb/style_transfer); otherwise they grow by an equal factor from
	 * {@code minSize}.
	 */
	static List<int[]> scaleSizes(int width, int height, int scales,
		int minSize)
	{
		int longSide = Math.max(width, height);
		if (scales > 1 && minSize > longSide) throw new IllegalArgumentException(
			String.format(Locale.ROOT,
				"The min size, %d pixels, is larger than the working size's long side, %d: give a smaller min size (or 0 for steps of √2).",
				minSize, longSide));
		List<int[]> sizes = new ArrayList<>();
		for (int k = 0; k < scales - 1; k++) {
			int steps = scales - 1 - k;
			double side = minSize == 0 ? longSide / Math.pow(Math.sqrt(2), steps)
				: minSize * Math.pow((double) longSide / minSize, (double) k / (scales -
					1));
			sizes.add(Resampling.fitLongSide(width, height, Math.max(1, (int) Math
				.round(side))));
		}
		sizes.add(new int[] { width, height });
		return sizes;
	}

	/**
	 * The iterations of each scale: the first a double share (it builds the style
	 * from the start image; the later ones refine an upsampled result, and
	 * crowsonkb/style_transfer's defaults give the first scale twice the
	 * iterations of the others), the others one share; the first also takes what
	 * does not divide. They add up to {@code iterations}, so that counts,
	 * progress bars and time estimates mean the same with any number of scales.
	 */
	static int[] iterationShares(int iterations, int scales) {
		int[] shares = new int[scales];
		int share = iterations / (scales + 1);
		for (int k = 1; k < scales; k++)
			shares[k] = share;
		shares[0] = iterations - share * (scales - 1);
		return shares;
	}

	/** Refuses a smallest scale the network cannot take, with what would work. */
	private void requireSmallestScale(int[] size, RgbImage work,
		StyleTransferSettings s, String deepest)
	{
		if (s.scales == 1) return;
		int min = minimumSide(deepest);
		if (size[0] >= min && size[1] >= min) return;
		int longSide = Math.max(work.width(), work.height()), shortSide = Math.min(
			work.width(), work.height());
		int needed = (int) Math.ceil((double) min * longSide / shortSide);
		throw new IllegalArgumentException(String.format(Locale.ROOT,
			"The smallest of the %d scales is %d×%d pixels, but " +
				"stylizing down to layer %s needs images of at least %d×%d pixels (each pooling before it halves the size): %s.",
			s.scales, size[0], size[1], deepest, min, min, s.minSize == 0
				? "use fewer scales, a min size of at least " + needed +
					", a larger working size, or layers nearer the input"
				: "use a min size of at least " + needed +
					", or layers nearer the input"));
	}

	/**
	 * The loss evaluated in tiles of {@code tile} pixels: the targets too are
	 * computed tile by tile.
	 */
	private static ImageLoss tiledLoss(Vgg net, int tile, List<Style> styles,
		double blendSum, List<Region> regions, RgbImage work, RgbImage colourSource,
		Set<String> allLayers, boolean styled, StyleTransferSettings s,
		NDManager owner)
	{
		TileGrid grid = TileGrid.of(net.layers(), work.height(), work.width(),
			tile);
		// The content targets go to a file, tile by tile (see ContentTargets): at
		// the sizes that need tiles they are the largest array of the run.
		ContentTargets contentTargets = null;
		if (s.contentWeight > 0) try (NDManager scope = owner.newSubManager()) {
			contentTargets = ContentTargets.spilled(net, grid, toArray(scope, work),
				s.contentLayers.keySet(), scope);
		}
		if (styled && !regions.isEmpty()) return new TiledLoss(net, grid,
			s.contentLayers, contentTargets, s.styleLayers, RegionGuides.of(net,
				regions, work, tile, s, st -> styleImage(st, work, colourSource, s),
				owner), allLayers, s);
		Map<String, NDArray> targets = new LinkedHashMap<>();
		try {
			if (styled) for (Style st : styles) {
				if (st.weight() == 0) continue;
				RgbImage img = styleImage(st, work, colourSource, s);
				TileGrid styleGrid = TileGrid.of(net.layers(), img.height(), img
					.width(), tile);
				try (NDManager scope = owner.newSubManager()) {
					Map<String, NDArray> grams = TiledLoss.gramMatrices(net, styleGrid,
						toArray(scope, img), s.styleLayers.keySet(), scope);
					for (String layer : s.styleLayers.keySet())
						blend(targets, layer, grams.get(layer), st.weight() / blendSum,
							owner);
				}
			}
		}
		catch (RuntimeException e) {
			if (contentTargets != null) contentTargets.close();
			throw e;
		}
		// The whole image is one region: a guide without a mask.
		Map<String, List<GuidedStyleLoss.Guide>> whole = new LinkedHashMap<>();
		targets.forEach((layer, target) -> whole.put(layer, List.of(
			new GuidedStyleLoss.Guide(null, 0, target, 1f))));
		return new TiledLoss(net, grid, s.contentLayers, contentTargets,
			s.styleLayers, whole, allLayers, s);
	}

	/**
	 * A style image as the loss sees it: grey-matched when colours are kept,
	 * scaled to the style size.
	 */
	private static RgbImage styleImage(Style st, RgbImage work,
		RgbImage colourSource, StyleTransferSettings s)
	{
		RgbImage img = switch (s.colorMode) {
			case LUMINANCE -> Luminance.grayMatched(st.image(), colourSource);
			case HISTOGRAM -> ColourMatching.matched(st.image(), colourSource);
			case NONE -> st.image();
		};
		if (s.styleSize == StyleTransferSettings.StyleSize.CONTENT_SHAPE)
			return Resampling.resize(img, work.width(), work.height());
		int[] size = Resampling.fitLongSide(img.width(), img.height(),
			styleLongSide(work, s));
		return Resampling.resize(img, size[0], size[1]);
	}

	/**
	 * The content loss over the content layers, against the working content's
	 * feature maps.
	 */
	private static LayerSum contentLoss(FeatureNetwork net, RgbImage work,
		StyleTransferSettings s, NDManager owner)
	{
		LayerSum loss = new LayerSum();
		try (NDManager scope = owner.newSubManager()) {
			Map<String, NDArray> features = new VariableSpace(s).featuresOfPixels(net,
				toArray(scope, work), s.contentLayers.keySet());
			for (Map.Entry<String, Float> layer : s.contentLayers.entrySet()) {
				NDArray target = features.get(layer.getKey());
				target.attach(owner);
				loss.add(layer.getKey(), layer.getValue(), new ContentLoss(target,
					s.contentReduction));
			}
		}
		return loss;
	}

	/**
	 * The style loss over the style layers. Each style image is scaled to the
	 * content's long side times the style scale; with several, a layer's target
	 * is the blend-weighted average of their Gram matrices.
	 */
	private static LayerSum styleLoss(FeatureNetwork net, List<Style> styles,
		double blendSum, RgbImage work, RgbImage colourSource,
		StyleTransferSettings s, NDManager owner)
	{
		Map<String, NDArray> targets = new LinkedHashMap<>();
		for (Style st : styles) {
			if (st.weight() == 0) continue;
			RgbImage img = styleImage(st, work, colourSource, s);
			try (NDManager scope = owner.newSubManager()) {
				Map<String, NDArray> features = new VariableSpace(s).featuresOfPixels(
					net, toArray(scope, img), s.styleLayers.keySet());
				for (String layer : s.styleLayers.keySet())
					blend(targets, layer, GramMatrix.of(features.get(layer),
						s.gramNormalization), st.weight() / blendSum, owner);
			}
		}
		LayerSum loss = new LayerSum();
		for (Map.Entry<String, Float> layer : s.styleLayers.entrySet())
			loss.add(layer.getKey(), layer.getValue(), new StyleLoss(targets.get(layer
				.getKey()), s.gramNormalization, s.styleReduction, s.styleDivisor,
				(long) work.width() * work.height()));
		return loss;
	}

	/**
	 * Adds one style's Gram matrix at {@code layer}, weighted by its share of the
	 * blend, to the layer's target; the first one becomes the target, kept by
	 * {@code owner}.
	 */
	private static void blend(Map<String, NDArray> targets, String layer,
		NDArray gram, double share, NDManager owner)
	{
		// One style at full weight is its Gram matrix exactly.
		NDArray weighted = share == 1 ? gram : Scalars.times(gram, (float) share);
		NDArray sum = targets.get(layer);
		if (sum == null) {
			weighted.attach(owner);
			targets.put(layer, weighted);
		}
		else sum.addi(weighted);
	}

	/**
	 * Checks the content, styles and regions against each other and the settings,
	 * before anything is computed; the sum of the style blend weights.
	 */
	private static double checkedBlendSum(RgbImage content, List<Style> styles,
		List<Region> regions, StyleTransferSettings s)
	{
		if (!regions.isEmpty() && !styles.isEmpty())
			throw new IllegalArgumentException(
				"Give the styles either as one blend or one per region, not both");
		for (Region r : regions)
			if (r.mask().width() != content.width() || r.mask().height() != content
				.height()) throw new IllegalArgumentException(String.format(Locale.ROOT,
					"The regions are %d×%d pixels but the content image is %d×%d: give regions of the content's size.",
					r.mask().width(), r.mask().height(), content.width(), content
						.height()));
		if (!regions.isEmpty() && regions.stream().allMatch(r -> r.mask()
			.area() == 0)) throw new IllegalArgumentException(
				"The regions are all empty: give at least one region some pixels.");
		if (styles.isEmpty() && regions.isEmpty() && s.effectiveStyleWeight() > 0)
			throw new IllegalArgumentException("Give at least one style image");
		for (Style st : styles)
			if (!(st.weight() >= 0) || Double.isInfinite(st.weight()))
				throw new IllegalArgumentException(
					"Style blend weights must be finite numbers >= 0 (got " + st
						.weight() + ")");
		double blendSum = styles.stream().mapToDouble(Style::weight).sum();
		if (!styles.isEmpty() && !(blendSum > 0))
			throw new IllegalArgumentException(
				"The style blend weights add up to 0: give at least one a positive weight");
		return blendSum;
	}

	/**
	 * Checks that every style image is large enough for the style layers at the
	 * smallest scale's style size.
	 */
	private void requireStyleSizes(List<Style> used, List<int[]> sizes,
		StyleTransferSettings s)
	{
		// The style images are used at the smallest scale's style size too: check
		// them there.
		int smallestSide = Math.max(sizes.get(0)[0], sizes.get(0)[1]);
		for (Style st : used) {
			if (st.weight() == 0) continue;
			int[] size = Resampling.fitLongSide(st.image().width(), st.image()
				.height(), styleLongSide(smallestSide, s));
			requireSize("the style image", st.image(), size[0], size[1], deepest(
				s.styleLayers.keySet()), String.format(Locale.ROOT,
					" (its long side is made the content's times the style scale, %s%s)",
					(float) s.styleScale, sizes.size() == 1 ? ""
						: ", at the smallest scale"),
				"use a larger style scale or a style image with less unequal sides");
		}
	}

	/**
	 * The long side style images are scaled to: the working content's times the
	 * style scale.
	 */
	private static int styleLongSide(RgbImage work, StyleTransferSettings s) {
		return styleLongSide(Math.max(work.width(), work.height()), s);
	}

	private static int styleLongSide(int contentLongSide,
		StyleTransferSettings s)
	{
		return Math.max(1, (int) Math.round(contentLongSide * s.styleScale));
	}

	/**
	 * Refuses, before any work, an image too small for the network down to
	 * {@code deepest} (checked at the size it is used at), so the user gets this
	 * instead of libtorch's "Output size is too small" from inside a pooling.
	 */
	private void requireSize(String what, RgbImage image, int width, int height,
		String deepest, String why, String advice)
	{
		int min = minimumSide(deepest);
		if (width >= min && height >= min) return;
		String used = width == image.width() && height == image.height() ? ""
			: String.format(Locale.ROOT, ", used at %d×%d%s", width, height, why);
		throw new IllegalArgumentException(String.format(Locale.ROOT,
			"Stylizing down to layer %s needs images of at least " +
				"%d×%d pixels (each pooling before it halves the size); %s is %d×%d%s: %s, or layers nearer the input.",
			deepest, min, min, what, image.width(), image.height(), used, advice));
	}

	/**
	 * The content at its working size: downscaled when its long side exceeds
	 * {@code maxSize}.
	 */
	static RgbImage workingContent(RgbImage content, int maxSize) {
		int longSide = Math.max(content.width(), content.height());
		if (maxSize == 0 || longSide <= maxSize) return content;
		int[] size = Resampling.fitLongSide(content.width(), content.height(),
			maxSize);
		return Resampling.resize(content, size[0], size[1]);
	}

	private NDArray initialImage(NDManager m, RgbImage work,
		StyleTransferSettings s)
	{
		return switch (s.init) {
			case CONTENT -> toArray(m, work);
			case RANDOM -> {
				// Java's generator, not the device's: the same seed gives the same
				// start on CPU and GPU.
				Random r = new Random(s.seed);
				float[] p = new float[work.planes().length];
				if (s.noise == StyleTransferSettings.Noise.UNIFORM_CAFFE) {
					for (int i = 0; i < p.length; i++)
						p[i] = r.nextFloat() * 255f - 128f;
					NDArray caffe = m.create(p, new Shape(1, 3, work.height(), work
						.width()));
					yield Preprocessing.CAFFE.toPixels(caffe);
				}
				for (int i = 0; i < p.length; i++)
					p[i] = r.nextFloat();
				yield toArray(m, new RgbImage(work.width(), work.height(), p));
			}
			case IMAGE -> {
				RgbImage init = s.luminanceOnly() ? Luminance.gray(s.initImage)
					: s.initImage;
				yield toArray(m, Resampling.resize(init, work.width(), work.height()));
			}
		};
	}

	/**
	 * The optimizer, its state bounded and placed as {@code state} plans it (see
	 * {@link OptimizerMemory}).
	 */
	static Optimizer optimizer(StyleTransferSettings s, OptimizerMemory state,
		NDArray initial)
	{
		return optimizer(s, state, initial, s.effectiveLearningRate());
	}

	/** The same, at learning rate {@code lr} (a schedule's later rate). */
	static Optimizer optimizer(StyleTransferSettings s, OptimizerMemory state,
		NDArray initial, double lr)
	{
		return switch (s.optimizer) {
			case LBFGS -> Lbfgs.builder().learningRate(lr).memoryBudget(state
				.historyBudget(initial.size())).lineSearch(s.lineSearch).build(initial);
			case ADAM -> state.momentsOnHost() ? Adam.onHost(initial, lr, s.adamBeta1,
				s.adamBeta2, 1e-8) : new Adam(initial, lr, s.adamBeta1, s.adamBeta2,
					1e-8);
		};
	}

	static NDArray toArray(NDManager m, RgbImage img) {
		return m.create(img.planes(), new Shape(1, 3, img.height(), img.width()));
	}

	private FeatureNetwork network(String deepest, StyleTransferSettings s)
		throws IOException
	{
		ai.djl.ndarray.types.DataType convolutions = s.precision.convolutions(
			device);
		String key = deepest + "/" + s.pooling + "/" + convolutions;
		if (vgg != null && key.equals(vggKey)) return vgg;
		if (vgg != null) vgg.close();
		vgg = null;
		vgg = squeezeLayout != null ? SqueezeNet.load(weights, deepest, manager,
			device) : Vgg.load(weights, deepest, s.pooling, manager, device,
				convolutions);
		vggKey = key;
		return vgg;
	}

	/**
	 * Native arrays alive under this stylizer (network, targets, optimizer
	 * state): for leak tests.
	 */
	int liveArrays() {
		return manager.getManagedArrays().size();
	}

	@Override
	public void close() {
		if (vgg != null) vgg.close();
		manager.close();
	}

	/**
	 * The weighted total loss of an image, and its gradient with respect to the
	 * pixels. Each evaluation works in its own sub-manager that is closed before
	 * returning, so native memory stays flat over thousands of iterations.
	 */
	static final class LossFunction implements ImageLoss {

		private final FeatureNetwork net;
		private final LayerSum content;
		private final LayerSum style;
		private final Set<String> layers;
		private final StyleTransferSettings s;
		private final VariableSpace space;
		private final Shape imageShape;

		LossFunction(FeatureNetwork net, LayerSum content, LayerSum style,
			Set<String> layers, StyleTransferSettings s, int w, int h)
		{
			this.net = net;
			this.content = content;
			this.style = style;
			this.layers = layers;
			this.s = s;
			this.space = new VariableSpace(s);
			this.imageShape = new Shape(1, 3, h, w);
		}

		/** Losses at {@code x} (flat). */
		@Override
		public LossValues losses(NDArray x) {
			try (NDManager scope = x.getManager().newSubManager()) {
				x.tempAttach(scope);
				return terms(x.reshape(imageShape)).values();
			}
		}

		/**
		 * Losses at {@code x} (flat) and the gradient of the total with respect to
		 * it: a new array in {@code x}'s manager, which the caller owns.
		 */
		@Override
		public Graded gradient(NDArray x) {
			NDManager home = x.getManager();
			try (NDManager scope = home.newSubManager()) {
				x.tempAttach(scope);
				// A fresh leaf each evaluation: gradients never accumulate across
				// evaluations.
				NDArray image = x.reshape(imageShape).duplicate();
				image.setRequiresGradient(true);
				try (GradientCollector collector = Engine.getInstance()
					.newGradientCollector())
				{
					Terms terms = terms(image);
					collector.backward(terms.total());
					NDArray g = image.getGradient().reshape(x.getShape()).duplicate();
					g.attach(home);
					return new Graded(terms.values(), g);
				}
			}
		}

		private Terms terms(NDArray image) {
			Map<String, NDArray> f = space.features(net, image, layers);
			NDArray c = Scalars.times(content.of(f), (float) s.contentWeight);
			NDArray st = Scalars.times(style.of(f), (float) s.effectiveStyleWeight());
			NDArray tv = s.tvWeight > 0 ? Scalars.times(TotalVariation.of(space
				.tvInput(image), s.tvForm), (float) s.tvWeight) : Scalars.of(image
					.getManager(), 0f, image);
			return new Terms(c, st, tv);
		}
	}

	/**
	 * The weighted loss terms of one evaluation, scalars in its gradient graph.
	 */
	record Terms(NDArray content, NDArray style, NDArray tv) {

		NDArray total() {
			return content.add(style).add(tv);
		}

		LossValues values() {
			return new LossValues(content.getFloat(), style.getFloat(), tv.getFloat(),
				total().getFloat());
		}
	}

	record Graded(LossValues losses, NDArray gradient) {
	}

	/**
	 * Signals from inside an evaluation that the run must stop (cancel or
	 * divergence).
	 */
	private static final class Stop extends RuntimeException {

		final StylizationResult.Outcome outcome;

		Stop(StylizationResult.Outcome outcome) {
			super(null, null, false, false);
			this.outcome = outcome;
		}
	}

	/**
	 * One run of the optimizer over the image, with snapshots, cancel and
	 * divergence handling.
	 */
	private static final class Loop {

		private final ImageLoss f;
		private final StyleTransferSettings s;
		private final OptimizerMemory state;
		private final StylizationListener listener;
		private final RgbImage work;
		private final StylizationListener.Scale scale;
		private final int offset;
		private final RgbImage finalWork;
		private final RgbImage finalColour;
		private final NDArray initial;
		private NDArray x;
		private NDArray lastGood;
		private final VariableSpace space;
		/** The evaluation with the lowest loss so far, when the best is kept. */
		private NDArray best;
		private LossValues bestLosses;
		private int evaluations;
		private int lastGoodIteration = -1;
		private LossValues lastLosses;

		/**
		 * {@code work}: this scale's image; {@code finalWork}, {@code finalColour}:
		 * the run's working size, which snapshots and stopped runs' results are
		 * shown at.
		 */
		Loop(ImageLoss f, NDArray initial, StyleTransferSettings s,
			OptimizerMemory state, StylizationListener listener, RgbImage work,
			StylizationListener.Scale scale, int offset, RgbImage finalWork,
			RgbImage finalColour)
		{
			this.f = f;
			this.initial = initial;
			this.s = s;
			this.state = state;
			this.listener = listener;
			this.work = work;
			this.scale = scale;
			this.offset = offset;
			this.finalWork = finalWork;
			this.finalColour = finalColour;
			this.space = new VariableSpace(s);
		}

		private boolean last() {
			return scale.index() == scale.count();
		}

		StylizationResult execute() {
			StylizationResult.Outcome outcome = StylizationResult.Outcome.COMPLETED;
			Optimizer opt = optimizer(s, state, initial, s.effectiveLearningRate());
			try (NDArray good = initial.duplicate()) {
				x = opt.parameters();
				lastGood = good;
				try {
					while (evaluations < scale.iterations()) {
						int before = evaluations;
						if (s.learningRateDecayAt > 0 && offset +
							evaluations == s.learningRateDecayAt)
						{
							// CS231n's code makes a new optimizer with the later rate here:
							// its state starts afresh. Started from a copy owned by the
							// loop's manager: the old optimizer's manager, which holds x,
							// closes with it.
							Optimizer next;
							try (NDArray current = x.duplicate()) {
								current.attach(initial.getManager());
								next = optimizer(s, state, current, s.learningRateLater);
							}
							opt.close();
							opt = next;
							x = opt.parameters();
						}
						opt.step(this::evaluate);
						if (opt.converged() || evaluations == before) {
							outcome = StylizationResult.Outcome.CONVERGED;
							break;
						}
					}
				}
				catch (Stop stop) {
					outcome = stop.outcome;
				}
				return finish(outcome);
			}
			finally {
				opt.close();
				if (best != null) best.close();
			}
		}

		private StylizationResult finish(StylizationResult.Outcome outcome) {
			if (outcome == StylizationResult.Outcome.DIVERGED) {
				RgbImage img = image(lastGood);
				String kept = lastGoodIteration >= 0 ? "Kept the image of iteration " +
					lastGoodIteration : "Kept the starting image";
				String msg =
					"The optimization diverged: the loss or its gradient became NaN or infinite at iteration " +
						(offset + evaluations - 1) + (scale.count() == 1 ? "" : " (" + scale
							.label() + ")") + ". " + kept +
						". Lower the style, content or tv weight or the learning rate, or use the other optimizer.";
				if (lastGoodIteration >= 0) listener.snapshot(lastGoodIteration,
					lastLosses, img, scale);
				return new StylizationResult(img, lastGoodIteration >= 0
					? lastGoodIteration : offset, lastLosses, outcome, msg);
			}
			// The tutorial clamps once more after its loop; the others only clip the
			// result.
			if (s.clamping == StyleTransferSettings.Clamping.PIXELS) space.clamp(x);
			int iteration = offset + evaluations;
			if (!last() && outcome != StylizationResult.Outcome.CANCELLED) {
				// The end of a coarser scale: its image at its own size, for the next
				// scale to start from; the next scale's first evaluation reports the
				// losses, a snapshot shows it.
				RgbImage raw = raw(x);
				if (s.snapshotEvery > 0) listener.snapshot(iteration, f.losses(x),
					shown(raw), scale);
				return new StylizationResult(raw, iteration, lastLosses, outcome, "");
			}
			LossValues finalLosses = f.losses(x);
			listener.iteration(iteration, finalLosses);
			NDArray shown = x;
			if (best != null && !(finalLosses.total() <= bestLosses.total())) {
				// An evaluation on the way was better than where the optimizer ended.
				shown = best;
				finalLosses = bestLosses;
			}
			RgbImage img = image(shown);
			listener.snapshot(iteration, finalLosses, img, scale);
			String msg = switch (outcome) {
				case CANCELLED -> "Cancelled after " + iteration +
					" iterations; the result so far is kept.";
				case CONVERGED -> "Converged after " + iteration + " iterations.";
				default -> "Done: " + iteration + " iterations.";
			};
			return new StylizationResult(img, iteration, finalLosses, outcome, msg);
		}

		/**
		 * The optimizer's objective, the tutorial's closure: clamp the image to
		 * [0,1], then the losses and their gradient. Evaluation N sees the image
		 * after N updates: iteration N.
		 */
		private Evaluation evaluate(NDArray params) {
			if (listener.cancelled()) throw new Stop(
				StylizationResult.Outcome.CANCELLED);
			// A scale of several ends at its share exactly, inside an L-BFGS step if
			// need be (its state is dropped with the scale), so the shares add up to
			// the iterations asked for. A one-scale run completes its last step, as
			// it always did.
			if (scale.count() > 1 && evaluations >= scale.iterations())
				throw new Stop(StylizationResult.Outcome.COMPLETED);
			int iteration = offset + evaluations;
			if (space.clampsAt(iteration)) space.clamp(params);
			Graded g = f.gradient(params);
			evaluations++;
			// An infinite or NaN gradient would poison the optimizer's state just as
			// a NaN loss would.
			if (!g.losses().isFinite() || !finite(g.gradient())) {
				g.gradient().close();
				throw new Stop(StylizationResult.Outcome.DIVERGED);
			}
			// A native copy: copyTo would go through a Java direct buffer, freed only
			// when the collector runs, and native memory would grow with the
			// iterations.
			lastGood.intern(params.duplicate());
			lastGoodIteration = iteration;
			lastLosses = g.losses();
			if (s.keepBest && (best == null || g.losses().total() < bestLosses
				.total()))
			{
				// Owned by the run, not the optimizer: an optimizer made afresh at a
				// learning-rate change closes its arrays.
				if (best == null) best = initial.duplicate();
				best.intern(params.duplicate());
				bestLosses = g.losses();
			}
			listener.iteration(iteration, g.losses());
			if (s.snapshotEvery > 0 && iteration % s.snapshotEvery == 0) {
				listener.snapshot(iteration, g.losses(), image(params), scale);
			}
			return new Evaluation((float) g.losses().total(), g.gradient());
		}

		private static boolean finite(NDArray a) {
			try (NDManager scope = a.getManager().newSubManager()) {
				a.tempAttach(scope);
				return Float.isFinite(a.abs().sum().getFloat());
			}
		}

		/**
		 * The image as the user sees it: at the final working size, recoloured when
		 * colours are kept.
		 */
		private RgbImage image(NDArray a) {
			return shown(raw(a));
		}

		/**
		 * The optimized pixels at this scale's size (grey when colours are kept).
		 */
		private RgbImage raw(NDArray a) {
			return new RgbImage(work.width(), work.height(), space.resultPixels(a,
				work.width(), work.height()));
		}

		/**
		 * Upsampled to the final working size (a no-op at the last scale), so that
		 * every snapshot of a run has one size, then recoloured there with the
		 * full-size content's colours.
		 */
		private RgbImage shown(RgbImage img) {
			RgbImage big = Resampling.resize(img, finalWork.width(), finalWork
				.height());
			return s.luminanceOnly() ? Luminance.recolour(big, finalColour) : big;
		}
	}
}
