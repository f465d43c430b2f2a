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

package org.neuralstyle.cli;

import ai.djl.Device;
import ij.ImagePlus;
import ij.ImageStack;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import ij.ImagePlus;

import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.image.Mask;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagefile.ImageFileReader;
import org.neuralstyle.imagefile.LabelImages;
import org.neuralstyle.optimize.RunTrace;
import org.neuralstyle.net.Pooling;
import org.neuralstyle.optimize.GatysStylizer;
import org.neuralstyle.optimize.PlaneSequence;
import org.neuralstyle.optimize.RunEstimate;
import org.neuralstyle.optimize.LossValues;
import org.neuralstyle.optim.LineSearch;
import org.neuralstyle.optim.OptimizerKind;
import org.neuralstyle.optimize.preset.Preset;
import org.neuralstyle.optimize.preset.Presets;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.StylizationListener;
import org.neuralstyle.optimize.StylizationResult;
import org.neuralstyle.weights.PretrainedWeights;
import org.neuralstyle.checkpoint.StateDict;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.neuralstyle.weights.ModelRegistry;

/** {@code optimize}: Gatys et al. style transfer of one content image. */
@Command(name = "optimize", sortOptions = false,
	mixinStandardHelpOptions = true,
	defaultValueProvider = OptimizeCommand.Defaults.class,
	description = "Stylize a content image by optimizing its pixels (Gatys et al.).")
final class OptimizeCommand implements Callable<Integer> {

	/** The engine's defaults ({@link StyleTransferSettings}). */
	static final class Defaults extends EngineDefaults {

		Defaults() {
			super(new StyleTransferSettings());
		}
	}

	/**
	 * What picocli parsed: tells an option given from one left at its default.
	 */
	@Spec
	CommandSpec spec;

	@Option(names = "--preset", paramLabel = "NAME|list",
		description = "Start from a source system's settings (options given explicitly replace its values); 'list' prints every preset's settings and where each comes from.")
	String preset;

	@Option(names = "--content", paramLabel = "FILE",
		description = "Content image.")
	Path content;

	@Option(names = "--style", paramLabel = "FILE",
		description = "Style image; repeat for a blend of several.")
	List<Path> styles;

	@Option(names = "--style-weights", split = ",", paramLabel = "W,W,...",
		description = "Blend weights of the style images (default: equal).")
	List<Double> styleWeights;

	@Option(names = "--output", paramLabel = "FILE",
		description = "Result image (.png, .tif, .jpg).")
	Path output;

	@Option(names = "--progress", paramLabel = "STACK.tif",
		description = "Also write the intermediate images as one TIFF stack, a slice labelled with its iteration.")
	Path progress;

	@Option(names = "--snapshot-every", descriptionKey = "snapshotEvery",
		paramLabel = "N",
		description = "Iterations between slices of the progress stack (default: ${DEFAULT-VALUE}).")
	int snapshotEvery;

	@Option(names = "--log-every", defaultValue = "50", paramLabel = "N",
		description = "Print the losses every N iterations; 0: only the first and last (default: ${DEFAULT-VALUE}).")
	int logEvery;

	@Option(names = "--weights", paramLabel = "FILE",
		description = "Loss network checkpoint to use instead of the cached/downloaded one: torchvision VGG or SqueezeNet (.pth, .safetensors), or Keras VGG weights (.h5, run with Caffe's preprocessing).")
	Path weights;

	@Option(names = "--network", defaultValue = ModelRegistry.VGG19_ID,
		paramLabel = "vgg19|vgg16|keras-vgg16|squeezenet1_1",
		description = "Loss network (default: ${DEFAULT-VALUE}).")
	String network;

	@Option(names = "--size", descriptionKey = "maxSize", paramLabel = "N",
		description = "Long side of the working size; larger inputs are downscaled; 0: the image's own size (default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--tile", descriptionKey = "tile", paramLabel = "N",
		description = "Evaluate the loss in tiles of N pixels (the same result, bounded memory); 0: never; -1: only when the image does not fit in memory (default: ${DEFAULT-VALUE}).")
	int tile;

	@Option(names = "--scales", descriptionKey = "scales", paramLabel = "N",
		description = "Optimize coarse to fine at N sizes, each about √2 times the one before, up to --size; the first gets a double share of the iterations, the others one share each; 1: at --size only (default: ${DEFAULT-VALUE}).")
	int scales;

	@Option(names = "--min-size", descriptionKey = "minSize", paramLabel = "N",
		description = "Long side of the smallest scale when --scales is above 1; the sizes between grow by an equal factor; 0: steps of √2 (default: ${DEFAULT-VALUE}).")
	int minSize;

	@Option(names = "--iterations", descriptionKey = "iterations",
		paramLabel = "N",
		description = "Loss evaluations (default: ${DEFAULT-VALUE}).")
	int iterations;

	@Option(names = "--optimizer", descriptionKey = "optimizer",
		paramLabel = "lbfgs|adam",
		description = "Optimizer (default: ${DEFAULT-VALUE}).")
	String optimizer;

	@Option(names = "--lr", paramLabel = "X",
		description = "Learning rate (default: 1 for lbfgs, 0.02 for adam).")
	Double lr;

	@Option(names = "--adam-betas", split = ",", paramLabel = "B1,B2",
		description = "Adam's beta1 and beta2 (default: 0.9,0.999).")
	List<Double> adamBetas;

	@Option(names = "--line-search", descriptionKey = "lineSearch",
		paramLabel = "none|strong-wolfe",
		description = "L-BFGS line search: none (fixed steps, the tutorial's) or torch's strong-wolfe (default: ${DEFAULT-VALUE}).")
	String lineSearch;

	@Option(names = "--content-weight", descriptionKey = "contentWeight",
		paramLabel = "X", description = "Default: ${DEFAULT-VALUE}.")
	double contentWeight;

	@Option(names = "--style-weight", descriptionKey = "styleWeight",
		paramLabel = "X", description = "Default: ${DEFAULT-VALUE}.")
	double styleWeight;

	@Option(names = "--tv-weight", descriptionKey = "tvWeight", paramLabel = "X",
		description = "Total-variation smoothing weight (default: ${DEFAULT-VALUE}).")
	double tvWeight;

	@Option(names = "--content-layers", descriptionKey = "contentLayers",
		paramLabel = "L[:W],...", description = "Default: ${DEFAULT-VALUE}.")
	String contentLayers;

	@Option(names = "--style-layers", descriptionKey = "styleLayers",
		paramLabel = "L[:W],...", description = "Default: ${DEFAULT-VALUE}.")
	String styleLayers;

	@Option(names = "--style-scale", descriptionKey = "styleScale",
		paramLabel = "X",
		description = "Style images' long side relative to the content's (default: ${DEFAULT-VALUE}).")
	double styleScale;

	@Option(names = "--init", descriptionKey = "init",
		paramLabel = "content|random|FILE",
		description = "Starting image (default: ${DEFAULT-VALUE}).")
	String init;

	@Option(names = "--seed", descriptionKey = "seed", paramLabel = "N",
		description = "Seed of the random start (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--color-mode", descriptionKey = "colorMode",
		paramLabel = "none|luminance|histogram",
		description = "none: the style's colours; luminance: style on luminance only, the content's colours kept; " +
			"histogram: each style image recoloured to the content's colour mean and covariance first (default: ${DEFAULT-VALUE}).")
	String colorMode;

	@Option(names = "--preserve-colors",
		description = "Same as --color-mode luminance.")
	boolean preserveColors;

	@Option(names = "--temporal-weight", descriptionKey = "temporalWeight",
		paramLabel = "X",
		description = "For a multi-slice TIFF (a time-lapse or z-stack): each slice starts from the previous result warped by the motion between the slices, and a temporal loss of this weight ties it there; 0: every slice on its own (default: ${DEFAULT-VALUE}).")
	double temporalWeight;

	@Option(names = "--strength", descriptionKey = "strength", paramLabel = "S",
		description = "How strongly the style is applied, 0 to 1: the style weight is scaled by (1000^S - 1)/999, " +
			"so 0.5 is about 3%% of it and 0 none (default: ${DEFAULT-VALUE}).")
	double strength;

	@Option(names = "--regions", paramLabel = "LABELS.tif",
		description = "A label image of the content's size: label k takes the k-th --style, 0 keeps the content " +
			"(or takes --background-style). Every slice of a stack takes the same regions.")
	Path regions;

	@Option(names = "--style-mask", paramLabel = "FILE",
		description = "With --regions, one per --style in order: the part of the style image (not 0) its style is taken from.")
	List<Path> styleMasks;

	@Option(names = "--background-style", paramLabel = "FILE",
		description = "With --regions, the style of label 0.")
	Path backgroundStyle;

	@Option(names = "--trace", paramLabel = "FILE.json",
		description = "Also write what reproduces the run: settings, versions, the weights' SHA-256, the loss curve.")
	Path trace;

	@Option(names = "--pooling", descriptionKey = "pooling",
		paramLabel = "max|avg", description = "Default: ${DEFAULT-VALUE}.")
	String pooling;

	@Mixin
	ImageRunOptions run;

	/** The run's iterations: the option's or the preset's. */
	private int totalIterations;

	@Override
	public Integer call() throws Exception {
		if ("list".equalsIgnoreCase(preset == null ? "" : preset.trim())) {
			PresetTable.print(Presets.all(), System.out);
			return ExitCodes.OK;
		}
		requireGiven(content, "--content FILE");
		requireGiven(styles, "--style FILE");
		requireGiven(output, "--output FILE");
		// Everything a user can get wrong is checked before the (long) run starts.
		StyleTransferSettings s = settings();
		String network = network();
		totalIterations = s.iterations;
		ImageFiles.checkWritable(output, run.overwrite, false);
		if (progress != null) {
			ImageFiles.checkWritable(progress, run.overwrite, true);
			ImageFiles.checkDistinct(progress, "--progress", output, "--output");
		}
		ImageFiles.checkDistinct(output, "--output", content, "--content");
		for (Path style : styles)
			ImageFiles.checkDistinct(output, "--output", style, "--style");
		if (styleWeights != null && styleWeights.size() != styles.size())
			throw new IllegalArgumentException("--style-weights has " + styleWeights
				.size() + " values for " + styles.size() + " style images");
		if (trace != null) {
			if (Files.exists(trace) && !run.overwrite)
				throw new IllegalArgumentException(trace +
					" already exists: choose another name or add --overwrite to replace it");
			ImageFiles.checkDistinct(trace, "--trace", output, "--output");
		}
		// Every slice of a multi-slice file is stylized, into a stack with its
		// labels.
		ImagePlus contentFile = ImageFiles.open(content);
		int planes = contentFile.getStackSize();
		if (planes > 1 && !ImageFiles.format(output).equals("tiff"))
			throw new IllegalArgumentException(content + " has " + planes +
				" slices: name the output *.tif to get a stack of stylized slices");
		RgbImage contentImage = ImageFiles.toRgb(contentFile.getStack()
			.getProcessor(1));
		List<GatysStylizer.Style> styleImages = new ArrayList<>();
		for (int i = 0; i < styles.size(); i++) {
			styleImages.add(new GatysStylizer.Style(ImageFiles.read(styles.get(i)),
				styleWeights == null ? 1 : styleWeights.get(i)));
		}
		List<GatysStylizer.Region> regionList = regions == null ? List.of()
			: regions(contentImage, styleImages);
		if (regions == null && (styleMasks != null || backgroundStyle != null))
			throw new IllegalArgumentException(
				"--style-mask and --background-style go with --regions: give the label image too");
		Device dev = run.device.parse();
		if (planes == 1 && s.temporalWeight > 0) System.err.println(
			"note: --temporal-weight ties the slices of a stack together; " +
				content + " is a single image, so it has no effect");

		Path weightsFile = PretrainedWeights.standard(
			PretrainedWeights.Consent.ALWAYS, new ConsoleProgress(network,
				System.err)).vggFile(network, weights);
		RunTrace runTrace = trace == null ? null : trace(s, weightsFile, dev);

		try (StateDict sd = Checkpoints.open(weightsFile);
				GatysStylizer stylizer = new GatysStylizer(sd, dev);
				// From here a first Ctrl-C stops after the current iteration and writes
				// the image.
				Interruption interruption = Interruption.install("iteration", 60);
				ProgressLog listener = new ProgressLog(interruption, estimated(stylizer,
					s, contentImage, styleImages, dev), planes, runTrace))
		{
			if (planes > 1) {
				int code = stack(stylizer, contentFile.getStack(), styleImages,
					regionList, s, listener);
				if (runTrace != null) {
					runTrace.put("slices", planes);
					runTrace.put("output", output.toAbsolutePath().toString());
					runTrace.write(trace, run.overwrite);
					System.err.println("Wrote the trace " + trace);
				}
				return code;
			}
			StylizationResult r = stylizer.run(contentImage, regionList.isEmpty()
				? styleImages : List.of(), regionList, s, listener);
			listener.close();
			Path written = ImageFiles.writeResult(r.image(), output, run.overwrite);
			System.err.println(r.message() + " Wrote " + written);
			if (runTrace != null) {
				runTrace.result(r);
				runTrace.put("output", written.toAbsolutePath().toString());
				runTrace.write(trace, run.overwrite);
				System.err.println("Wrote the trace " + trace);
			}
			if (!written.equals(output)) return ExitCodes.ERROR;
			return switch (r.outcome()) {
				case DIVERGED -> ExitCodes.DIVERGED;
				case CANCELLED -> ExitCodes.INTERRUPTED;
				default -> ExitCodes.OK;
			};
		}
	}

	/**
	 * Stylizes every slice of {@code planes} into a TIFF stack at {@code output}
	 * with the slices' labels. Each slice goes to the file as it is done; the
	 * stack appears under its name at the end, and after a Ctrl-C with the slices
	 * done so far. A slice that diverges keeps its last good image and the run
	 * goes on; the exit code says so.
	 */
	private int stack(GatysStylizer stylizer, ImageStack planes,
		List<GatysStylizer.Style> styles, List<GatysStylizer.Region> regions,
		StyleTransferSettings s, ProgressLog listener) throws IOException
	{
		int n = planes.getSize(), code = ExitCodes.OK;
		// With regions the styles are the regions' (each slice takes the same).
		PlaneSequence sequence = new PlaneSequence(stylizer, regions.isEmpty()
			? styles : List.of(), s);
		TiffStackWriter writer = null;
		try {
			for (int i = 1; i <= n; i++) {
				String label = planes.getSliceLabel(i) == null || planes.getSliceLabel(
					i).isEmpty() ? "slice " + i : planes.getSliceLabel(i);
				listener.planeStarted(i, n, label);
				RgbImage plane = ImageFiles.toRgb(planes.getProcessor(i));
				StylizationResult r = sequence.next(plane, regions, listener);
				if (writer == null) writer = new TiffStackWriter(output
					.toAbsolutePath(), r.image().width(), r.image().height());
				writer.append(ImageFiles.packed(r.image()), label);
				System.err.printf(Locale.ROOT, "slice %d of %d (%s): %s%n", i, n, label,
					r.message());
				if (r.outcome() == StylizationResult.Outcome.DIVERGED) code =
					ExitCodes.DIVERGED;
				if (r.outcome() == StylizationResult.Outcome.CANCELLED) {
					code = ExitCodes.INTERRUPTED;
					break;
				}
			}
			listener.close();
			writer.publish(run.overwrite);
		}
		catch (FileAlreadyExistsException e) {
			throw new IOException(output +
				" appeared while the stack was being stylized; it was kept. Run again with another --output.");
		}
		finally {
			if (writer != null) writer.close();
		}
		System.err.println("Wrote " + output + " (" + writer.slices() + " of " + n +
			" slices); " + sequence.flicker().summary());
		return code;
	}

	/**
	 * The run's estimated time and peak memory (printed when the engine has
	 * accepted the run), or its end with what would fit when it does not.
	 */
	private static RunEstimate estimated(GatysStylizer stylizer,
		StyleTransferSettings s, RgbImage content, List<GatysStylizer.Style> styles,
		Device dev)
	{
		if (stylizer.layout().isEmpty()) return null; // SqueezeNet: not estimated
		RunEstimate estimate = RunEstimate.measure(stylizer.layout(), s, content
			.width(), content.height(), s.styleWeight > 0 && !styles.isEmpty(), dev);
		if (estimate.fits()) return estimate;
		throw new IllegalArgumentException(estimate.advice() + estimate.tryInstead(
			"--tile ", "--size "));
	}

	private static void requireGiven(Object value, String option) {
		if (value == null) throw new IllegalArgumentException("Missing option " +
			option + " (see optimize --help).");
	}

	/** The preset chosen with --preset, or null for the engine's defaults. */
	Preset chosenPreset() {
		if (preset == null) return null;
		Preset p = Presets.named(preset);
		if (p.kind() != Preset.Kind.OPTIMIZE) throw new IllegalArgumentException(
			"Preset '" + p.name() + "' is for the " + p.kind() +
				" command, not optimize. Optimization presets: " + String.join(", ",
					Presets.names(Preset.Kind.OPTIMIZE)) + ".");
		return p;
	}

	/**
	 * Whether an option's value replaces the preset's: without a preset every
	 * option does (its default is the engine's), with one only options given on
	 * the command line.
	 */
	private boolean given(String option) {
		if (preset == null || spec == null) return true;
		return spec.commandLine().getParseResult().hasMatchedOption(option);
	}

	/** The loss network: --network, else the preset's. */
	String network() {
		Preset p = chosenPreset();
		return p == null || given("--network") ? network : p.network();
	}

	StyleTransferSettings settings() {
		Preset p = chosenPreset();
		StyleTransferSettings s = p == null ? new StyleTransferSettings() : p
			.settings();
		if (given("--iterations")) s.iterations = iterations;
		if (given("--optimizer")) s.optimizer = OptimizerKind.fromName(optimizer);
		if (given("--line-search")) s.lineSearch = LineSearch.parse(lineSearch);
		if (adamBetas != null) {
			if (adamBetas.size() != 2) throw new IllegalArgumentException(
				"--adam-betas needs two numbers, e.g. 0.5,0.999 (got " + adamBetas
					.size() + ")");
			s.adamBeta1 = adamBetas.get(0);
			s.adamBeta2 = adamBetas.get(1);
		}
		if (lr != null) {
			// NaN is how the settings say "the optimizer's default": typed by a user
			// it is a mistake.
			if (lr.isNaN()) throw new IllegalArgumentException(
				"--lr must be a positive number (got NaN); leave it out for the default");
			s.learningRate = lr;
		}
		if (given("--content-weight")) s.contentWeight = contentWeight;
		if (given("--style-weight")) s.styleWeight = styleWeight;
		if (given("--tv-weight")) s.tvWeight = tvWeight;
		if (given("--content-layers")) s.contentLayers = StyleTransferSettings
			.parseLayers(contentLayers);
		if (given("--style-layers")) s.styleLayers = StyleTransferSettings
			.parseLayers(styleLayers);
		if (given("--size")) s.maxSize = size;
		if (given("--tile")) s.tile = tile;
		if (given("--scales")) s.scales = scales;
		if (given("--min-size")) s.minSize = minSize;
		if (given("--style-scale")) s.styleScale = styleScale;
		if (given("--init")) switch (init.toLowerCase(Locale.ROOT)) {
			case "content" -> s.init = StyleTransferSettings.Init.CONTENT;
			case "random" -> s.init = StyleTransferSettings.Init.RANDOM;
			default -> {
				s.init = StyleTransferSettings.Init.IMAGE;
				s.initImage = initImage();
			}
		}
		if (given("--seed")) s.seed = seed;
		if (given("--color-mode")) s.colorMode = StyleTransferSettings.ColorMode
			.parse(colorMode);
		if (given("--preserve-colors") && preserveColors) {
			if (given("--color-mode") &&
				s.colorMode == StyleTransferSettings.ColorMode.HISTOGRAM)
				throw new IllegalArgumentException(
					"--preserve-colors is --color-mode luminance: give one colour mode");
			s.colorMode = StyleTransferSettings.ColorMode.LUMINANCE;
		}
		if (given("--strength")) s.strength = strength;
		if (given("--pooling")) s.pooling = Pooling.parse(pooling);
		if (given("--temporal-weight")) s.temporalWeight = temporalWeight;
		s.precision = run.precision.parse();
		if (snapshotEvery < 0) throw new IllegalArgumentException(
			"--snapshot-every must be >= 0");
		if (logEvery < 0) throw new IllegalArgumentException(
			"--log-every must be >= 0");
		if (progress == null) s.snapshotEvery = 0;
		else if (given("--snapshot-every")) s.snapshotEvery = snapshotEvery;
		s.validate();
		return s;
	}

	/**
	 * The regions of {@code --regions}: label k with the k-th style (and its
	 * mask), label 0 with the background style if there is one.
	 */
	private List<GatysStylizer.Region> regions(RgbImage contentImage,
		List<GatysStylizer.Style> styleImages) throws IOException
	{
		ImagePlus labelImage = ImageFileReader.open(regions);
		if (labelImage.getWidth() != contentImage.width() || labelImage
			.getHeight() != contentImage.height()) throw new IllegalArgumentException(
				String.format(Locale.ROOT,
					"--regions is %d×%d pixels but --content is %d×%d: give a label image of the content's size",
					labelImage.getWidth(), labelImage.getHeight(), contentImage.width(),
					contentImage.height()));
		int w = contentImage.width(), h = contentImage.height();
		int[] labels = LabelImages.labels(labelImage, "--regions " + regions);
		int count = LabelImages.count(labels);
		if (count != styleImages.size()) throw new IllegalArgumentException(String
			.format(Locale.ROOT,
				"--regions has labels 1 to %d but %d --style %s given: give one --style per label, in label order",
				count, styleImages.size(), styleImages.size() == 1 ? "is" : "are"));
		if (styleMasks != null && styleMasks.size() != styleImages.size())
			throw new IllegalArgumentException("--style-mask is given " + styleMasks
				.size() + " times for " + styleImages.size() +
				" --style: give one mask per style, in the same order");
		List<Mask> masks = LabelImages.masks(labels, w, h, count);
		List<GatysStylizer.Region> out = new ArrayList<>();
		for (int k = 0; k < count; k++) {
			Mask styleMask = null;
			if (styleMasks != null) {
				ImagePlus m = ImageFileReader.open(styleMasks.get(k));
				RgbImage style = styleImages.get(k).image();
				if (m.getWidth() != style.width() || m.getHeight() != style.height())
					throw new IllegalArgumentException("--style-mask " + styleMasks.get(
						k) + " is not the size of its style image " + styles.get(k));
				styleMask = LabelImages.nonZero(LabelImages.labels(m, "--style-mask " +
					styleMasks.get(k)), m.getWidth(), m.getHeight());
			}
			out.add(new GatysStylizer.Region(masks.get(k), styleImages.get(k),
				styleMask));
		}
		if (backgroundStyle != null) out.add(new GatysStylizer.Region(Mask.ofLabel(
			labels, w, h, 0), new GatysStylizer.Style(ImageFiles.read(
				backgroundStyle), 1), null));
		return out;
	}

	/** The trace's fixed part: what was asked, with which files and software. */
	private RunTrace trace(StyleTransferSettings s, Path weightsFile, Device dev)
		throws IOException
	{
		RunTrace t = new RunTrace();
		t.put("command", "optimize");
		t.put("arguments", spec == null ? List.of() : spec.commandLine()
			.getParseResult().originalArgs());
		t.settings(s);
		t.put("device", dev.toString());
		t.put("weights", RunTrace.file(weightsFile));
		t.put("content", RunTrace.file(content));
		List<Object> styleFiles = new ArrayList<>();
		for (Path p : styles)
			styleFiles.add(RunTrace.file(p));
		t.put("styles", styleFiles);
		if (styleWeights != null) t.put("styleWeights", styleWeights);
		if (regions != null) t.put("regions", RunTrace.file(regions));
		if (styleMasks != null) {
			List<Object> maskFiles = new ArrayList<>();
			for (Path p : styleMasks)
				maskFiles.add(RunTrace.file(p));
			t.put("styleMasks", maskFiles);
		}
		if (backgroundStyle != null) t.put("backgroundStyle", RunTrace.file(
			backgroundStyle));
		if (s.init == StyleTransferSettings.Init.IMAGE) t.put("initFile", RunTrace
			.file(Path.of(init)));
		return t;
	}

	/**
	 * The image {@code --init} names, read now so that a wrong name ends the run
	 * before it starts.
	 */
	private RgbImage initImage() {
		Path file = Path.of(init);
		if (!Files.isRegularFile(file)) throw new IllegalArgumentException(
			"--init must be content, random or an image file; " + init +
				" is none of them");
		try {
			return ImageFiles.read(file);
		}
		catch (IOException e) {
			throw new IllegalArgumentException("--init: " + e.getMessage(), e);
		}
	}

	/**
	 * Prints loss lines and appends each snapshot to the progress stack. The
	 * stack is a by-product: if it cannot be written (a full disk), the run says
	 * so once and goes on to its result.
	 */
	private final class ProgressLog implements StylizationListener,
		AutoCloseable
	{

		private final Interruption interruption;
		private final RunTrace trace;
		private TiffStackWriter stack;
		private boolean failed;
		private final RunProgress bar;
		/** Iterations of the slices before this one, for the bar. */
		private int done;
		/** The slice being stylized, prefixed to progress labels; "" for one. */
		private String plane = "";
		/**
		 * Printed once the engine has accepted the run: a refused one ends in its
		 * one message.
		 */
		private RunEstimate estimate;

		ProgressLog(Interruption interruption, RunEstimate estimate, int planes,
			RunTrace trace)
		{
			this.interruption = interruption;
			this.trace = trace;
			this.estimate = estimate;
			this.bar = RunProgress.start("optimize", (long) totalIterations * planes);
		}

		/** Slice {@code index} of {@code count} (from 1) starts. */
		void planeStarted(int index, int count, String label) {
			if (index > 1) done += totalIterations;
			plane = label + " ";
			if (bar.isBar()) return;
			System.out.printf(Locale.ROOT, "slice %d of %d: %s%n", index, count,
				label);
			System.out.flush();
		}

		@Override
		public void iteration(int iteration, LossValues l) {
			if (trace != null) trace.iteration(iteration, l);
			bar.update(done + Math.min(iteration, totalIterations), String.format(
				Locale.ROOT, "content %.3g style %.3g tv %.3g total %.3g", l.content(),
				l.style(), l.tv(), l.total()));
			if (bar.isBar()) return;
			if (iteration == 0 || (logEvery > 0 && iteration % logEvery == 0) ||
				iteration >= totalIterations)
			{
				System.out.printf(Locale.ROOT,
					"iter %d content %.6g style %.6g tv %.6g%s total %.6g%n", iteration, l
						.content(), l.style(), l.tv(), temporalWeight > 0 ? String.format(
							Locale.ROOT, " temporal %.6g", l.temporal()) : "", l.total());
				System.out.flush();
			}
		}

		@Override
		public void scaleStarted(Scale scale) {
			if (estimate != null) System.err.println(estimate.summary());
			estimate = null;
			if (scale.count() == 1 || bar.isBar()) return;
			System.out.printf(Locale.ROOT, "%s: %d×%d, %d iterations%n", scale
				.label(), scale.width(), scale.height(), scale.iterations());
			System.out.flush();
		}

		@Override
		public void snapshot(int iteration, LossValues l, RgbImage image,
			Scale scale)
		{
			if (progress == null || failed) return;
			String label = plane + String.format(Locale.ROOT, "iter %d total %.6g",
				iteration, l == null ? Double.NaN : l.total()) + (scale.count() > 1
					? " " + scale.label() : "");
			try {
				// Appended, and published with the first slice, so an interrupted run
				// keeps every slice it made.
				if (stack == null) stack = new TiffStackWriter(progress
					.toAbsolutePath(), image.width(), image.height());
				stack.append(ImageFiles.packed(image), label);
				if (stack.slices() == 1) stack.publish(run.overwrite);
			}
			catch (IOException | RuntimeException e) {
				failed = true;
				String reason = e instanceof FileAlreadyExistsException ? progress +
					" appeared during the run and was kept" : e.getMessage();
				System.err.println(
					"warning: the progress stack is no longer updated: " + reason +
						". The run goes on and writes its result.");
				closeStack();
			}
		}

		@Override
		public boolean cancelled() {
			return interruption.requested();
		}

		@Override
		public void close() {
			bar.close();
			closeStack();
		}

		private void closeStack() {
			if (stack == null) return;
			try {
				stack.close();
			}
			catch (IOException e) {
				System.err.println("warning: could not finish the progress stack " +
					progress + ": " + e.getMessage());
			}
			stack = null;
		}
	}
}
