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

package org.neuralstyle.imagej;

import ai.djl.Device;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.image.Mask;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.optimize.LossValues;
import org.neuralstyle.optimize.RunTrace;
import org.neuralstyle.optimize.StylizationListener;
import org.neuralstyle.net.Devices;
import org.neuralstyle.net.Pooling;
import org.neuralstyle.net.Precision;
import org.neuralstyle.imagefile.ImageFileReader;
import org.neuralstyle.optimize.GatysStylizer;
import org.neuralstyle.optimize.PlaneSequence;
import org.neuralstyle.optimize.RunEstimate;
import org.neuralstyle.optim.OptimizerKind;
import org.neuralstyle.optimize.preset.Presets;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.StylizationResult;
import org.neuralstyle.checkpoint.StateDict;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.neuralstyle.imagej.ij1.CommandParameter;
import org.neuralstyle.imagej.ij1.Gui;
import org.neuralstyle.imagej.models.NetworkWeights;
import org.neuralstyle.imagej.planes.ImageConversion;
import org.neuralstyle.imagej.planes.ImagePlanes;
import org.neuralstyle.imagej.planes.PlaneStylizer;
import org.neuralstyle.imagej.planes.ProgressReporter;
import org.neuralstyle.imagej.planes.SequenceAxis;
import org.neuralstyle.imagej.planes.Scope;
import org.neuralstyle.imagej.planes.StackStylizing;
import org.neuralstyle.imagej.planes.StylizingResult;
import org.neuralstyle.imagej.progress.OptimizationProgress;
import org.neuralstyle.imagej.progress.ProgressStack;
import org.neuralstyle.weights.ModelRegistry;

/**
 * Stylize (optimize): the optimization method of Gatys et al. on open images.
 * The content image (its current plane or every plane, inside its selection) is
 * stylized after the style image as displayed, into a new image of the
 * content's kind; the input is never changed.
 * <p>
 * The parameter names are the macro keys, in Fiji and in plain ImageJ 1.x
 * alike: keep them. Defaults are the engine's ({@link StyleTransferSettings}).
 * Problems the user can fix (a bad value, a missing or unusable weights file,
 * no GPU) cancel the command with one message: Fiji shows it as a dialog or,
 * headless, logs it; the ImageJ 1.x wrapper shows or logs it and stops the
 * macro.
 */
@Plugin(type = Command.class,
	menuPath = "Plugins>Style Transfer>Stylize (optimize)", headless = true)
public class StylizeOptimizeCommand extends StyleTransferCommand {

	static final String TITLE = "Stylize (optimize)";

	private static final StyleTransferSettings DEFAULTS =
		new StyleTransferSettings();

	@Parameter
	private LogService log;

	@Parameter(label = "Content image",
		description = "The image to stylize: its selection, current plane or every plane.")
	private ImagePlus content;

	@Parameter(label = "Style image",
		description = "An open image whose look is transferred, as displayed.")
	private ImagePlus style;

	/** The preset key's value for none: the engine's defaults. */
	public static final String NO_PRESET = "none";

	@Parameter(label = "Preset", choices = { NO_PRESET, Presets.PYTORCH_TUTORIAL,
		Presets.YUNJEY, Presets.KERAS_VGG16, Presets.GATYS2016, Presets.CS231N },
		callback = "presetChanged",
		description = "A source system's settings (see docs/presets.md); values that differ from the engine's defaults replace the preset's.")
	private String preset = NO_PRESET;

	@Parameter(label = "Regions", required = false,
		style = CommandParameter.REGIONS_STYLE,
		description = "A style per region: [ROI Manager] (ROI i takes style i) or the title of a label image " +
			"(label k takes style k; 0 keeps the content, or takes 'background_style'). The styles are 'style', 'style_2'...; " +
			"empty: one style everywhere.")
	private String regions = "";

	@Parameter(label = "Iterations", min = "1",
		description = "Loss evaluations per plane.")
	private int iterations = DEFAULTS.iterations;

	@Parameter(label = "Optimizer", choices = { OptimizerKind.Names.LBFGS,
		OptimizerKind.Names.ADAM })
	private String optimizer = DEFAULTS.optimizer.id();

	@Parameter(label = "Content weight", min = "0")
	private double content_weight = DEFAULTS.contentWeight;

	@Parameter(label = "Style weight", min = "0")
	private double style_weight = DEFAULTS.styleWeight;

	@Parameter(label = "Total-variation weight", min = "0",
		description = "Smoothing; 0 for none.")
	private double tv_weight = DEFAULTS.tvWeight;

	@Parameter(label = "Maximum size", min = "0",
		description = "Long side the stylization works at; larger images are stylized smaller and scaled back; 0: the image's own size.")
	private int max_size = DEFAULTS.maxSize;

	@Parameter(label = "Tile size", min = "-1",
		description = "Evaluate the loss in tiles of this many pixels: the same result " +
			"in bounded memory; 0: never; -1: only when the image does not fit in memory.")
	private int tile = DEFAULTS.tile;

	@Parameter(label = "Start from", choices = {
		StyleTransferSettings.Init.CONTENT_NAME,
		StyleTransferSettings.Init.RANDOM_NAME,
		StyleTransferSettings.Init.FILE_NAME },
		description = "file: the image file given as 'init_file' (advanced).")
	private String init = DEFAULTS.init.name().toLowerCase(Locale.ROOT);

	@Parameter(label = "Preserve colors",
		description = "Transfer the style on luminance only.")
	private boolean preserve_colors = false;

	@Parameter(label = "Colour mode", choices = {
		StyleTransferSettings.ColorMode.NONE_NAME,
		StyleTransferSettings.ColorMode.LUMINANCE_NAME,
		StyleTransferSettings.ColorMode.HISTOGRAM_NAME },
		description = "none: the style's colours; luminance: the content's colours (as 'preserve_colors'); " +
			"histogram: the style recoloured to the content's colour mean and covariance first.")
	private String color_mode = DEFAULTS.colorMode.toString();

	@Parameter(label = "Strength", min = "0", max = "1",
		description = "How strongly the style is applied, 0 to 1: the style weight is scaled by (1000^S - 1)/999.")
	private double strength = DEFAULTS.strength;

	@Parameter(label = "Snapshot every", min = "0",
		description = "Iterations between slices of the progress window; 0: no progress window.")
	private int snapshot_every = DEFAULTS.snapshotEvery;

	@Parameter(label = "Network", choices = { ModelRegistry.VGG19_ID,
		ModelRegistry.VGG16_ID, ModelRegistry.KERAS_VGG16_ID,
		ModelRegistry.SQUEEZENET1_1_ID })
	private String network = ModelRegistry.VGG19_ID;

	@Parameter(label = "Device", choices = { Devices.AUTO, Devices.CPU,
		Devices.GPU })
	private String device = Devices.AUTO;

	@Parameter(label = "Weights file", required = false,
		style = FileWidget.OPEN_STYLE,
		description = "A VGG or SqueezeNet checkpoint (.pth, .safetensors) or Keras VGG weights (.h5); empty: the network's cached weights.")
	private File weights;

	@Parameter(label = "Scope", choices = { Scope.CURRENT_PLANE_LABEL,
		Scope.ALL_PLANES_LABEL })
	private String scope = Scope.CURRENT_PLANE.label();

	@Parameter(label = "Temporal weight", min = "0",
		description = "With scope 'All planes': each plane starts from the previous plane's result, " +
			"warped by the motion between them, and is tied to it by a loss of this weight (less flicker " +
			"in time-lapses and z-stacks); 0: every plane on its own.")
	private double temporal_weight = DEFAULTS.temporalWeight;

	@Parameter(label = "Save result as", required = false, persist = false,
		style = FileWidget.SAVE_STYLE,
		description = "Optional: also save the result to this new TIFF file (for headless runs).")
	private File output;

	@Parameter(label = "Save progress as", required = false, persist = false,
		style = FileWidget.SAVE_STYLE,
		description = "Optional: also save the progress stack to this new TIFF file (for headless runs).")
	private File progress;

	@Parameter(label = "Save trace as", required = false, persist = false,
		style = FileWidget.SAVE_STYLE,
		description = "Optional: also save what reproduces the run (settings, versions, weights' SHA-256, loss curve) to this new JSON file.")
	private File trace;

	// Everything below is rarely changed: Fiji shows this heading above it,
	// ImageJ 1.x a second dialog.
	@Parameter(visibility = ItemVisibility.MESSAGE, required = false,
		persist = false)
	private String advanced =
		"Advanced: more styles, layers, seed, start image, pooling, learning rate, scales";

	@Parameter(label = "Second style image", required = false,
		style = CommandParameter.IMAGE_TITLE_STYLE,
		description = "Optional: the title of another open image (or an image file) to blend into the style.")
	private String style_2 = "";

	@Parameter(label = "Third style image", required = false,
		style = CommandParameter.IMAGE_TITLE_STYLE,
		description = "Optional: a third style image, by title.")
	private String style_3 = "";

	@Parameter(label = "Fourth style image", required = false,
		style = CommandParameter.IMAGE_TITLE_STYLE,
		description = "Optional: a fourth style image, by title.")
	private String style_4 = "";

	@Parameter(label = "Background style image", required = false,
		style = CommandParameter.IMAGE_TITLE_STYLE,
		description = "Optional, with 'regions': the style of label 0, or of what lies outside every ROI, by title " +
			"(or an image file); empty: the content is kept there.")
	private String background_style = "";

	@Parameter(label = "Style blend weights", required = false,
		description = "Blend weights of the style images in order, e.g. 1,0.5; empty: equal.")
	private String style_weights = "";

	@Parameter(label = "Style scale", min = "0",
		description = "Style images' long side relative to the content's working size (at most 8).")
	private double style_scale = DEFAULTS.styleScale;

	@Parameter(label = "Content layers",
		description = "VGG layers the content loss compares, with optional weights: conv2_2 or conv4_2:0.5,...")
	private String content_layers = StyleTransferSettings.DEFAULT_CONTENT_LAYERS;

	@Parameter(label = "Style layers",
		description = "VGG layers the style loss compares, with optional weights: conv1_1,conv2_1:0.5,...")
	private String style_layers = StyleTransferSettings.DEFAULT_STYLE_LAYERS;

	@Parameter(label = "Start image file", required = false,
		style = FileWidget.OPEN_STYLE,
		description = "The image the optimization starts from when init is 'file'.")
	private File init_file;

	@Parameter(label = "Seed",
		description = "Seed of the random start: the same seed gives the same result.")
	private long seed = DEFAULTS.seed;

	@Parameter(label = "Pooling", choices = { "max", "avg" })
	private String pooling = DEFAULTS.pooling.name().toLowerCase(Locale.ROOT);

	@Parameter(label = "Learning rate", min = "0",
		description = "0: the optimizer's own (1 for lbfgs, 0.02 for adam).")
	private double learning_rate = Double.isNaN(DEFAULTS.learningRate) ? 0
		: DEFAULTS.learningRate;

	@Parameter(label = "Scales", min = "1",
		description = "Optimize coarse to fine at this many sizes, each about √2 times the one " +
			"before, up to the maximum size; the first gets a double share of the iterations; 1: at the maximum size only.")
	private int scales = DEFAULTS.scales;

	@Parameter(label = "Temporal axis", choices = { SequenceAxis.AUTO_LABEL,
		SequenceAxis.T_LABEL, SequenceAxis.Z_LABEL },
		description = "The axis along which planes follow one another for 'temporal_weight': " +
			"auto is t when the image has frames, else z.")
	private String temporal_axis = SequenceAxis.AUTO.label();

	@Parameter(label = "Smallest scale", min = "0",
		description = "Long side of the smallest scale when 'scales' is above 1; " +
			"0: steps of √2.")
	private int min_size = DEFAULTS.minSize;

	@Parameter(label = "Precision", choices = { "auto", "fp32", "bf16", "fp16" },
		description = "Number format of the convolutions: auto is fp32 (fp16 is for GPUs, not yet measured there); bf16 is refused (DJL 0.36 cannot make bfloat16 arrays).")
	private String precision = DEFAULTS.precision.toString();

	/**
	 * The progress stack, as an image a macro gets (a batch-mode image, in ImageJ
	 * 1.x) when no window showed it.
	 */
	@Parameter(type = ItemIO.OUTPUT, label = "Progress")
	private ImagePlus progress_stack;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	private ProgressStack progressStack;
	/**
	 * With regions, each style image's selection (null for none): the part its
	 * style is taken from.
	 */
	private List<Mask> styleMasks;
	private OptimizationProgress tracker;

	@Override
	protected String title() {
		return TITLE;
	}

	@Override
	protected void execute() throws Exception {
		result = stylize();
	}

	private ImagePlus stylize() throws Exception {
		if (content == null) throw new IllegalArgumentException(
			"There is no image to stylize: open one first.");
		if (style == null) throw new IllegalArgumentException(
			"Choose a style image: open it, then give its title as 'style'.");
		requirePixels(content, "content");
		requirePixels(style, "style");
		// Everything the user can get wrong is checked before the weights load and
		// the long run starts.
		StyleTransferSettings settings = settings();
		Scope planes = Scope.parse(scope);
		SequenceAxis axis = SequenceAxis.parse(temporal_axis);
		if (output != null) ResultFile.check(output);
		if (progress != null) {
			ResultFile.check(progress, "progress");
			if (settings.snapshotEvery == 0) throw new IllegalArgumentException(
				"A progress file needs snapshots: set 'snapshot_every' above 0 (e.g. 10), or leave 'progress' empty.");
			if (output != null && progress.getAbsoluteFile().equals(output
				.getAbsoluteFile())) throw new IllegalArgumentException(
					"The output and progress files are both " + output +
						": give them different names.");
		}
		if (trace != null) ResultFile.checkNew(trace, "trace");
		Device dev = Devices.parse(device);
		List<GatysStylizer.Style> styles = styles();
		ImagePlus background = openImage("background_style", background_style);
		List<Mask> regionMasks = regionMasks(styles.size(), background != null);
		// The styles of the regions, in the masks' order: the background's last.
		List<GatysStylizer.Style> regionStyles = new ArrayList<>(styles);
		if (background != null) {
			regionStyles.add(new GatysStylizer.Style(ImageConversion.displayedPlane(
				background), 1));
			styleMasks.add(ContentRegions.ofRoi(background.getRoi(), background
				.getWidth(), background.getHeight()));
		}
		List<String> warnings = new ArrayList<>();
		String base = StackStylizing.baseTitle(content.getTitle());
		boolean windows = Gui.canShowWindows();
		progressStack = settings.snapshotEvery > 0 ? new ProgressStack(base +
			" progress", windows) : null;
		Path weightsFile = NetworkWeights.standard(TITLE).file(effectiveNetwork(),
			weights);
		try (StateDict sd = Checkpoints.open(weightsFile);
				GatysStylizer stylizer = new GatysStylizer(sd, dev))
		{
			// After the weights opened: a missing file is the checkpoint reader's
			// message.
			RunTrace runTrace = new RunTrace().put("command", TITLE).put("content",
				content.getTitle()).put("style", style.getTitle()).put("device", dev
					.toString()).put("weights", RunTrace.file(weightsFile));
			runTrace.settings(settings);
			if (regionMasks != null) runTrace.put("regions", regions);
			if (background != null) runTrace.put("backgroundStyle", background
				.getTitle());
			estimate(stylizer, settings, styles, dev);
			tracker = new OptimizationProgress(TITLE, settings.iterations,
				progressStack);
			StylizationListener listener = traced(tracker.listener(), runTrace);
			// With regions the styles are the regions'.
			PlaneSequence sequence = new PlaneSequence(stylizer, regionMasks == null
				? styles : List.of(), settings);
			PlaneStylizer optimization = new PlaneStylizer() {

				@Override
				public RgbImage stylize(RgbImage picture, ProgressReporter reporter)
					throws java.io.IOException
				{
					StylizationResult r = sequence.next(picture, regionMasks == null
						? List.of() : regionsOf(regionMasks, regionStyles, picture),
						listener);
					runTrace.result(r);
					tracker.show(TITLE + ": " + r.message());
					if (r.outcome() == StylizationResult.Outcome.DIVERGED) warnings.add(r
						.message());
					return r.image();
				}

				@Override
				public void sequenceStarted() {
					sequence.restart();
				}
			};
			StylizingResult run = StackStylizing.run(content, planes, axis,
				optimization, tracker);
			ImagePlus image = run.image();
			describe(image, run);
			if (sequence.flicker().pairs() > 0) {
				String flicker = TITLE + ": " + sequence.flicker().summary();
				log.info(flicker);
				ImagePlanes.appendInfo(image, flicker);
			}
			ImagePlanes.appendInfo(image, "Trace: " + runTrace.json());
			if (trace != null) runTrace.write(trace.toPath(), false);
			if (output != null) ResultFile.save(image, output);
			ImagePlus stack = progressImage();
			if (progress != null && stack != null) ResultFile.save(stack, progress,
				"progress");
			// Shown already in a window; otherwise (batch mode, headless) an output
			// like the result, so a macro can save or montage it.
			if (!windows) progress_stack = stack;
			for (String warning : warnings)
				warn(warning);
			return image;
		}
	}

	/**
	 * The masks of 'regions' (null when empty), checked against the number of
	 * styles; with a background style, the area outside them all is the last.
	 */
	private List<Mask> regionMasks(int styleCount, boolean background) {
		String r = CommandParameter.imageTitle(regions);
		if (r.isEmpty()) {
			if (background) throw new IllegalArgumentException(
				"'background_style' is the style outside the regions, but 'regions' is empty: give regions " +
					"([ROI Manager] or a label image), or leave background_style empty.");
			return null;
		}
		List<Mask> masks = new ArrayList<>(ContentRegions.of(r, content, "style"));
		if (masks.size() != styleCount) throw new IllegalArgumentException(String
			.format(Locale.ROOT,
				"'regions' has %d region%s but %d style image%s given (style, style_2...): give one style per region, in order.",
				masks.size(), masks.size() == 1 ? "" : "s", styleCount, styleCount == 1
					? " is" : "s are"));
		if (background) masks.add(Mask.outside(masks));
		return masks;
	}

	/**
	 * One region per mask with its style, the masks cropped to the part of the
	 * content being stylized (a selection's bounds).
	 */
	private List<GatysStylizer.Region> regionsOf(List<Mask> masks,
		List<GatysStylizer.Style> styles, RgbImage picture)
	{
		List<Mask> cropped = ContentRegions.croppedTo(masks, content, picture);
		List<GatysStylizer.Region> out = new ArrayList<>();
		for (int k = 0; k < cropped.size(); k++)
			out.add(new GatysStylizer.Region(cropped.get(k), styles.get(k), styleMasks
				.get(k)));
		return out;
	}

	/** The progress listener, also recording the losses in the trace. */
	private static StylizationListener traced(StylizationListener l,
		RunTrace trace)
	{
		return new StylizationListener() {

			@Override
			public void waiting() {
				l.waiting();
			}

			@Override
			public void iteration(int iteration, LossValues losses) {
				trace.iteration(iteration, losses);
				l.iteration(iteration, losses);
			}

			@Override
			public void snapshot(int iteration, LossValues losses, RgbImage image,
				Scale scale)
			{
				l.snapshot(iteration, losses, image, scale);
			}

			@Override
			public void scaleStarted(Scale scale) {
				l.scaleStarted(scale);
			}

			@Override
			public boolean cancelled() {
				return l.cancelled();
			}
		};
	}

	/**
	 * Logs the run's estimated time and peak memory and shows it in the status
	 * bar before the run starts; ends the command with what would fit when it
	 * does not. Counted for the whole image: a selection makes the run smaller,
	 * never larger.
	 */
	private void estimate(GatysStylizer stylizer, StyleTransferSettings settings,
		List<GatysStylizer.Style> styles, Device dev)
	{
		if (stylizer.layout().isEmpty()) return; // SqueezeNet: not estimated
		RunEstimate estimate = RunEstimate.measure(stylizer.layout(), settings,
			content.getWidth(), content.getHeight(), settings.styleWeight > 0 &&
				!styles.isEmpty(), dev);
		log.info(TITLE + ": " + estimate.summary());
		IJ.showStatus(TITLE + ": " + estimate.summary());
		if (!estimate.fits()) throw new IllegalArgumentException(estimate.advice() +
			estimate.tryInstead("tile=", "max_size="));
	}

	/**
	 * The style images with their blend weights: 'style', then the optional
	 * 'style_2'... by title.
	 */
	private List<GatysStylizer.Style> styles() throws java.io.IOException {
		List<ImagePlus> images = new ArrayList<>(List.of(style));
		String[][] more = { { "style_2", style_2 }, { "style_3", style_3 }, {
			"style_4", style_4 } };
		for (String[] keyTitle : more) {
			ImagePlus image = openImage(keyTitle[0], keyTitle[1]);
			if (image != null) images.add(image);
		}
		List<Double> blend = blendWeights(images.size());
		styleMasks = new ArrayList<>();
		for (ImagePlus image : images)
			styleMasks.add(ContentRegions.ofRoi(image.getRoi(), image.getWidth(),
				image.getHeight()));
		List<GatysStylizer.Style> styles = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			styles.add(new GatysStylizer.Style(ImageConversion.displayedPlane(images
				.get(i)), blend.get(i)));
		}
		return styles;
	}

	/**
	 * The open image with this title, else the image file at this path (as
	 * headless Fiji gives images), or null for none ("" or *None*).
	 */
	private static ImagePlus openImage(String key, String title)
		throws java.io.IOException
	{
		String t = CommandParameter.imageTitle(title);
		if (t.isEmpty()) return null;
		ImagePlus open = WindowManager.getImage(t);
		if (open != null) return open;
		File file = new File(t);
		if (file.isFile()) {
			ImagePlus read = ImageFileReader.open(file.toPath());
			requirePixels(read, key);
			return read;
		}
		throw new IllegalArgumentException("There is no image called '" + t +
			"' for '" + key + "': open it first, " +
			"or give the title of an open image or the path of an image file.");
	}

	/** 'style_weights' as numbers, one per style image; all 1 when empty. */
	private List<Double> blendWeights(int count) {
		List<Double> weights = new ArrayList<>();
		if (style_weights == null || style_weights.isBlank()) {
			for (int i = 0; i < count; i++)
				weights.add(1.0);
			return weights;
		}
		for (String part : style_weights.split(",")) {
			try {
				weights.add(Double.parseDouble(part.trim()));
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException(
					"'style_weights' needs numbers separated by commas, e.g. 1,0.5, not '" +
						style_weights + "'.");
			}
		}
		if (weights.size() != count) throw new IllegalArgumentException(
			"'style_weights' has " + weights.size() + " values for " + count +
				" style image" + (count == 1 ? "" : "s") + " (style" + (count > 1
					? ", style_2..." : "") + "): give one weight per style image.");
		return weights;
	}

	/** The image of 'init_file', when init is 'file'. */
	private RgbImage startImage() throws java.io.IOException {
		if (init_file == null) throw new IllegalArgumentException(
			"init=file needs the start image: give its path as 'init_file' (in the advanced options).");
		if (!init_file.isFile()) throw new IllegalArgumentException(
			"The start image file " + init_file + " does not exist.");
		ImagePlus start = ImageFileReader.open(init_file.toPath());
		requirePixels(start, "init_file");
		return ImageConversion.displayedPlane(start);
	}

	/**
	 * The engine's settings from the parameters, checked, with the start image
	 * read if there is one.
	 */
	StyleTransferSettings settings() throws java.io.IOException {
		StyleTransferSettings given = fromParameters();
		if (isNone(preset)) return given;
		// Each key whose value differs from the engine's default replaces the
		// preset's value: Fiji fills a key a macro leaves out with that default, so
		// only a differing value can have been meant.
		StyleTransferSettings s = Presets.named(preset).settings();
		Map<String, String> defaults = presetValues(NO_PRESET);
		// The loss network is not a setting: see effectiveNetwork.
		PresetKeys.values(given, network).forEach((key, value) -> {
			if (!key.equals("network") && !value.equals(defaults.get(key))) PresetKeys
				.copy(key, given, s);
		});
		s.initImage = given.initImage;
		s.validate();
		return s;
	}

	/**
	 * The loss network: the key's when it differs from the default, else the
	 * preset's.
	 */
	String effectiveNetwork() {
		if (isNone(preset) || !network.equals(ModelRegistry.VGG19_ID))
			return network;
		return Presets.named(preset).network();
	}

	private static boolean isNone(String name) {
		return name == null || name.isBlank() || name.trim().equalsIgnoreCase(
			NO_PRESET);
	}

	/**
	 * The key values (as a macro writes them) of a preset, or of the engine's
	 * defaults for {@link #NO_PRESET}: what the dialogs fill in when it is
	 * chosen.
	 */
	public static Map<String, String> presetValues(String name) {
		StyleTransferSettings s = isNone(name) ? new StyleTransferSettings()
			: Presets.named(name).settings();
		String network = isNone(name) ? ModelRegistry.VGG19_ID : Presets.named(name)
			.network();
		return PresetKeys.values(s, network);
	}

	/**
	 * Fiji's dialog calls this when the preset changes: every key the preset sets
	 * takes its value, so the dialog shows what will run.
	 */
	void presetChanged() {
		presetValues(preset).forEach(this::setKey);
	}

	/**
	 * Sets the parameter behind a macro key (the key is its field's name) from
	 * the key's text.
	 */
	private void setKey(String key, String text) {
		try {
			Field field = StylizeOptimizeCommand.class.getDeclaredField(key);
			Class<?> type = field.getType();
			field.set(this, type == int.class ? Integer.valueOf(text)
				: type == double.class ? Double.valueOf(text) : type == long.class
					? Long.valueOf(text) : type == boolean.class ? Boolean.valueOf(text)
						: text);
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("No parameter for key " + key, e);
		}
	}

	/** The settings the keys alone give (no preset). */
	private StyleTransferSettings fromParameters() throws java.io.IOException {
		StyleTransferSettings s = new StyleTransferSettings();
		s.iterations = iterations;
		s.optimizer = OptimizerKind.fromName(optimizer);
		s.contentWeight = content_weight;
		s.styleWeight = style_weight;
		s.tvWeight = tv_weight;
		s.maxSize = max_size;
		s.tile = tile;
		s.init = switch (init.trim().toLowerCase(Locale.ROOT)) {
			case StyleTransferSettings.Init.CONTENT_NAME ->
				StyleTransferSettings.Init.CONTENT;
			case StyleTransferSettings.Init.RANDOM_NAME ->
				StyleTransferSettings.Init.RANDOM;
			case StyleTransferSettings.Init.FILE_NAME ->
				StyleTransferSettings.Init.IMAGE;
			default -> throw new IllegalArgumentException("Unknown init '" + init +
				"': use content, random or file.");
		};
		if (init_file != null && s.init != StyleTransferSettings.Init.IMAGE)
			throw new IllegalArgumentException("'init_file' is given but init is " +
				init + ": set init=file to start from it, or leave 'init_file' empty.");
		s.colorMode = StyleTransferSettings.ColorMode.parse(color_mode);
		if (preserve_colors) {
			// The key of earlier versions: luminance, as color_mode=luminance.
			if (s.colorMode == StyleTransferSettings.ColorMode.HISTOGRAM)
				throw new IllegalArgumentException(
					"'preserve_colors' is color_mode=luminance: give one colour mode.");
			s.colorMode = StyleTransferSettings.ColorMode.LUMINANCE;
		}
		s.strength = strength;
		s.snapshotEvery = snapshot_every;
		if (!(learning_rate >= 0)) throw new IllegalArgumentException(
			"'learning_rate' must be at least 0 (0: the optimizer's own).");
		if (learning_rate > 0) s.learningRate = learning_rate;
		s.styleScale = style_scale;
		s.contentLayers = StyleTransferSettings.parseLayers(content_layers);
		s.styleLayers = StyleTransferSettings.parseLayers(style_layers);
		s.seed = seed;
		s.pooling = Pooling.parse(pooling);
		s.precision = Precision.parse(precision);
		s.scales = scales;
		s.minSize = min_size;
		s.temporalWeight = temporal_weight;
		if (s.init == StyleTransferSettings.Init.IMAGE) s.initImage = startImage();
		s.validate();
		return s;
	}

	/**
	 * Notes in the result's Info how it was made, so a saved result can be
	 * reproduced.
	 */
	private void describe(ImagePlus image, StylizingResult run) {
		StringBuilder more = new StringBuilder();
		String[][] titles = { { "style_2", style_2 }, { "style_3", style_3 }, {
			"style_4", style_4 } };
		for (String[] keyTitle : titles) {
			String t = CommandParameter.imageTitle(keyTitle[1]);
			if (!t.isEmpty()) more.append(' ').append(keyTitle[0]).append("=[")
				.append(t).append(']');
		}
		String background = CommandParameter.imageTitle(background_style);
		if (!background.isEmpty()) more.append(" background_style=[").append(
			background).append(']');
		if (style_weights != null && !style_weights.isBlank()) more.append(
			" style_weights=[").append(style_weights.trim()).append(']');
		more.append(String.format(Locale.ROOT,
			" style_scale=%s content_layers=[%s] style_layers=[%s] seed=%d pooling=%s learning_rate=%s scales=%d min_size=%d precision=%s",
			number(style_scale), content_layers, style_layers, seed, pooling, number(
				learning_rate), scales, min_size, precision));
		if (temporal_weight > 0) more.append(" temporal_weight=").append(number(
			temporal_weight)).append(" temporal_axis=").append(temporal_axis);
		if (init_file != null) more.append(" init_file=[").append(init_file).append(
			']');
		if (!isNone(preset)) more.append(" preset=").append(preset.trim());
		String note = String.format(Locale.ROOT,
			"%s: style=[%s] iterations=%d optimizer=%s content_weight=%s style_weight=%s tv_weight=%s max_size=%d init=%s%s color_mode=%s strength=%s%s network=%s%s scope=[%s]%s; %d of %d planes stylized",
			TITLE, style.getTitle(), iterations, optimizer, number(content_weight),
			number(style_weight), number(tv_weight), max_size, init, preserve_colors
				? " preserve_colors" : "", color_mode, number(strength),
			CommandParameter.imageTitle(regions).isEmpty() ? "" : " regions=[" +
				CommandParameter.imageTitle(regions) + "]", network, weights == null
					? "" : " weights=[" + weights + "]", scope, more, run.stylized(), run
						.total());
		ImagePlanes.appendInfo(image, note);
	}

	private static String number(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
			: Double.toString(v);
	}

	/**
	 * A result the user should know is not what was asked for (the optimization
	 * diverged).
	 */
	private void warn(String message) {
		if (Gui.canAsk()) IJ.showMessage(TITLE, MessageText.wrap(message,
			MessageText.DIALOG_WIDTH));
		else log.warn(TITLE + ": " + message);
	}

	/**
	 * The progress window's image (also kept when no window may open), or null
	 * without snapshots.
	 */
	ImagePlus progressImage() {
		return progressStack == null ? null : progressStack.image();
	}

	/** The last status message, e.g. the engine's "Done: 20 iterations." */
	String status() {
		return tracker == null ? "" : tracker.status();
	}
}
