package org.neuralstyle.imagej;

import ai.djl.Device;
import ij.IJ;
import ij.ImagePlus;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.Devices;
import org.neuralstyle.optimize.GatysStylizer;
import org.neuralstyle.optim.OptimizerKind;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.StylizationResult;
import org.neuralstyle.checkpoint.StateDict;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.neuralstyle.imagej.ij1.Gui;
import org.neuralstyle.imagej.models.NetworkWeights;
import org.neuralstyle.imagej.planes.ImageConversion;
import org.neuralstyle.imagej.planes.ImagePlanes;
import org.neuralstyle.imagej.planes.PlaneStylizer;
import org.neuralstyle.imagej.planes.Scope;
import org.neuralstyle.imagej.planes.StackStylizing;
import org.neuralstyle.imagej.planes.StylizingResult;
import org.neuralstyle.imagej.progress.OptimizationProgress;
import org.neuralstyle.imagej.progress.ProgressStack;
import org.neuralstyle.weights.ModelRegistry;

/**
 * Stylize (optimize): the optimization method of Gatys et al. on open images. The content image
 * (its current plane or every plane, inside its selection) is stylized after the style image as
 * displayed, into a new image of the content's kind; the input is never changed.
 * <p>
 * The parameter names are the macro keys, in Fiji and in plain ImageJ 1.x alike: keep them.
 * Defaults are the engine's ({@link StyleTransferSettings}). Problems the user can fix (a bad
 * value, a missing or unusable weights file, no GPU) cancel the command with one message: Fiji
 * shows it as a dialog or, headless, logs it; the ImageJ 1.x wrapper shows or logs it and stops
 * the macro.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Style Transfer>Stylize (optimize)", headless = true)
public class StylizeOptimizeCommand extends StyleTransferCommand {

	static final String TITLE = "Stylize (optimize)";

	private static final StyleTransferSettings DEFAULTS = new StyleTransferSettings();

	@Parameter
	private LogService log;

	@Parameter(label = "Content image", description = "The image to stylize: its selection, current plane or every plane.")
	private ImagePlus content;

	@Parameter(label = "Style image", description = "An open image whose look is transferred, as displayed.")
	private ImagePlus style;

	@Parameter(label = "Iterations", min = "1", description = "Loss evaluations per plane.")
	private int iterations = DEFAULTS.iterations;

	@Parameter(label = "Optimizer", choices = {OptimizerKind.Names.LBFGS, OptimizerKind.Names.ADAM})
	private String optimizer = DEFAULTS.optimizer.id();

	@Parameter(label = "Content weight", min = "0")
	private double content_weight = DEFAULTS.contentWeight;

	@Parameter(label = "Style weight", min = "0")
	private double style_weight = DEFAULTS.styleWeight;

	@Parameter(label = "Total-variation weight", min = "0", description = "Smoothing; 0 for none.")
	private double tv_weight = DEFAULTS.tvWeight;

	@Parameter(label = "Maximum size", min = "16",
		description = "Long side the stylization works at; larger images are stylized smaller and scaled back.")
	private int max_size = DEFAULTS.maxSize;

	@Parameter(label = "Start from", choices = {StyleTransferSettings.Init.CONTENT_NAME, StyleTransferSettings.Init.RANDOM_NAME})
	private String init = DEFAULTS.init.name().toLowerCase(Locale.ROOT);

	@Parameter(label = "Preserve colors", description = "Transfer the style on luminance only.")
	private boolean preserve_colors = DEFAULTS.preserveColors;

	@Parameter(label = "Snapshot every", min = "0",
		description = "Iterations between slices of the progress window; 0: no progress window.")
	private int snapshot_every = DEFAULTS.snapshotEvery;

	@Parameter(label = "Network", choices = {ModelRegistry.VGG19_ID, ModelRegistry.VGG16_ID})
	private String network = ModelRegistry.VGG19_ID;

	@Parameter(label = "Device", choices = {Devices.AUTO, Devices.CPU, Devices.GPU})
	private String device = Devices.AUTO;

	@Parameter(label = "Weights file", required = false, style = FileWidget.OPEN_STYLE,
		description = "A VGG checkpoint (.pth, .safetensors); empty: the network's cached weights.")
	private File weights;

	@Parameter(label = "Scope", choices = {Scope.CURRENT_PLANE_LABEL, Scope.ALL_PLANES_LABEL})
	private String scope = Scope.CURRENT_PLANE.label();

	@Parameter(label = "Save result as", required = false, persist = false, style = FileWidget.SAVE_STYLE,
		description = "Optional: also save the result to this new TIFF file (for headless runs).")
	private File output;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	private ProgressStack progressStack;
	private OptimizationProgress progress;

	@Override
	protected String title() {
		return TITLE;
	}

	@Override
	protected void execute() throws Exception {
		result = stylize();
	}

	private ImagePlus stylize() throws Exception {
		if (content == null) throw new IllegalArgumentException("There is no image to stylize: open one first.");
		if (style == null) throw new IllegalArgumentException("Choose a style image: open it, then give its title as 'style'.");
		requirePixels(content, "content");
		requirePixels(style, "style");
		// Everything the user can get wrong is checked before the weights load and the long run starts.
		StyleTransferSettings settings = settings();
		Scope planes = Scope.parse(scope);
		if (output != null) ResultFile.check(output);
		Device dev = Devices.parse(device);
		RgbImage styleImage = ImageConversion.displayedPlane(style);
		List<String> warnings = new ArrayList<>();
		String base = StackStylizing.baseTitle(content.getTitle());
		progressStack = snapshot_every > 0 ? new ProgressStack(base + " progress", Gui.canShowWindows()) : null;
		try (StateDict sd = NetworkWeights.standard(TITLE).open(network, weights);
			GatysStylizer stylizer = new GatysStylizer(sd, dev))
		{
			progress = new OptimizationProgress(TITLE, iterations, progressStack);
			List<GatysStylizer.Style> styles = List.of(new GatysStylizer.Style(styleImage, 1));
			PlaneStylizer optimization = (picture, reporter) -> {
				StylizationResult r = stylizer.run(picture, styles, settings, progress.listener());
				progress.show(TITLE + ": " + r.message());
				if (r.outcome() == StylizationResult.Outcome.DIVERGED) warnings.add(r.message());
				return r.image();
			};
			StylizingResult run = StackStylizing.run(content, planes, optimization, progress);
			ImagePlus image = run.image();
			describe(image, run);
			if (output != null) ResultFile.save(image, output);
			for (String warning : warnings) warn(warning);
			return image;
		}
	}

	/** The engine's settings from the parameters, checked. */
	StyleTransferSettings settings() {
		StyleTransferSettings s = new StyleTransferSettings();
		s.iterations = iterations;
		s.optimizer = OptimizerKind.fromName(optimizer);
		s.contentWeight = content_weight;
		s.styleWeight = style_weight;
		s.tvWeight = tv_weight;
		s.maxSize = max_size;
		s.init = switch (init.trim().toLowerCase(Locale.ROOT)) {
			case "content" -> StyleTransferSettings.Init.CONTENT;
			case "random" -> StyleTransferSettings.Init.RANDOM;
			default -> throw new IllegalArgumentException("Unknown init '" + init + "': use content or random.");
		};
		s.preserveColors = preserve_colors;
		s.snapshotEvery = snapshot_every;
		s.validate();
		return s;
	}

	/** Notes in the result's Info how it was made, so a saved result can be reproduced. */
	private void describe(ImagePlus image, StylizingResult run) {
		String note = String.format(Locale.ROOT,
			"%s: style=[%s] iterations=%d optimizer=%s content_weight=%s style_weight=%s tv_weight=%s max_size=%d init=%s%s network=%s%s scope=[%s]; %d of %d planes stylized",
			TITLE, style.getTitle(), iterations, optimizer, number(content_weight), number(style_weight), number(tv_weight), max_size, init,
			preserve_colors ? " preserve_colors" : "", network, weights == null ? "" : " weights=[" + weights + "]", scope,
			run.stylized(), run.total());
		ImagePlanes.appendInfo(image, note);
	}

	private static String number(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	/** A result the user should know is not what was asked for (the optimization diverged). */
	private void warn(String message) {
		if (Gui.canAsk()) IJ.showMessage(TITLE, MessageText.wrap(message, MessageText.DIALOG_WIDTH));
		else log.warn(TITLE + ": " + message);
	}

	/** The progress window's image (also kept when no window may open), or null without snapshots. */
	ImagePlus progressImage() {
		return progressStack == null ? null : progressStack.image();
	}

	/** The last status message, e.g. the engine's "Done: 20 iterations." */
	String status() {
		return progress == null ? "" : progress.status();
	}
}
