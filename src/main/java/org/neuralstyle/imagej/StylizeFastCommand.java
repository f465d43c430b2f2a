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
import ai.djl.ndarray.types.DataType;
import ij.ImagePlus;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.neuralstyle.fast.Blending;
import org.neuralstyle.fast.FastStylizer;
import org.neuralstyle.fast.TransformerNet;
import org.neuralstyle.net.Devices;
import org.neuralstyle.net.Precision;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.neuralstyle.imagej.models.FastModelSource;
import org.neuralstyle.imagej.planes.ImagePlanes;
import org.neuralstyle.imagej.planes.PlaneStylizer;
import org.neuralstyle.imagej.planes.ProgressReporter;
import org.neuralstyle.imagej.planes.SequenceAxis;
import org.neuralstyle.flow.TemporalBlend;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagej.planes.Scope;
import org.neuralstyle.imagej.planes.StackStylizing;
import org.neuralstyle.imagej.planes.StylizingResult;
import org.neuralstyle.imagej.progress.StatusBarProgress;

/**
 * Stylize (fast model): a feed-forward style network of Johnson et al. on open
 * images. The image (its current plane or every plane, inside its selection)
 * goes through the network tile by tile, into a new image of the input's kind;
 * the input is never changed.
 * <p>
 * The parameter names are the macro keys, in Fiji and in plain ImageJ 1.x
 * alike: keep them. {@code model} is free text rather than a choice list:
 * SciJava's choices are fixed when the class is compiled, and the models
 * trained on this computer must be accepted too (by a macro as much as in the
 * dialog). Problems the user can fix cancel the command with one message, as in
 * {@link StylizeOptimizeCommand}.
 */
@Plugin(type = Command.class,
	menuPath = "Plugins>Style Transfer>Stylize (fast model)", headless = true)
public class StylizeFastCommand extends StyleTransferCommand {

	static final String TITLE = "Stylize (fast model)";

	@Parameter(label = "Image",
		description = "The image to stylize: its selection, current plane or every plane.")
	private ImagePlus image;

	@Parameter(label = "Model",
		description = "candy, mosaic, rain_princess or udnie (downloaded on first use), or the name of a model trained here.")
	private String model = "candy";

	@Parameter(label = "Model file", required = false,
		style = FileWidget.OPEN_STYLE,
		description = "A fast model file (.pth, .safetensors); when given, it is used instead of 'model'.")
	private File model_file;

	@Parameter(label = "Scope", choices = { Scope.CURRENT_PLANE_LABEL,
		Scope.ALL_PLANES_LABEL })
	private String scope = Scope.CURRENT_PLANE.label();

	@Parameter(label = "Device", choices = { Devices.AUTO, Devices.CPU,
		Devices.GPU })
	private String device = Devices.AUTO;

	@Parameter(label = "Tile size", min = "-1",
		description = "Stylize in tiles of this many pixels: the same result as in one piece, in memory bounded by the tile; 0: never; -1: only when the image does not fit in memory.")
	private int tile = FastStylizer.DEFAULT_TILE_SIZE;

	@Parameter(label = "Strength", min = "0", max = "1",
		description = "How strongly the style is applied, 0 to 1: the result is this much of the model's output, the rest the input.")
	private double strength = 1;

	@Parameter(label = "Temporal smoothing", min = "0", max = "0.99",
		description = "With scope 'All planes': blend each plane's result with the previous plane's, " +
			"warped by the motion between them; the previous plane's share (below 1). Steadies flicker " +
			"in time-lapses but smears what changes; 0: none.")
	private double temporal_smoothing = TemporalBlend.NONE;

	@Parameter(label = "Temporal axis", choices = { SequenceAxis.AUTO_LABEL,
		SequenceAxis.T_LABEL, SequenceAxis.Z_LABEL },
		description = "The axis along which planes follow one another for 'temporal_smoothing': " +
			"auto is t when the image has frames, else z.")
	private String temporal_axis = SequenceAxis.AUTO.label();
	@Parameter(label = "Precision", choices = { "auto", "fp32", "bf16", "fp16" },
		description = "Number format of the convolutions: auto is fp32 (fp16 is for GPUs, not yet measured there); bf16 is refused (DJL 0.36 cannot make bfloat16 arrays).")
	private String precision = Precision.DEFAULT;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	@Override
	protected String title() {
		return TITLE;
	}

	@Override
	protected void execute() throws Exception {
		if (image == null) throw new IllegalArgumentException(
			"There is no image to stylize: open one first.");
		requirePixels(image, "image");
		// Everything the user can get wrong is checked before the model loads.
		Scope planes = Scope.parse(scope);
		SequenceAxis axis = SequenceAxis.parse(temporal_axis);
		if (temporal_smoothing != TemporalBlend.NONE) new TemporalBlend(
			temporal_smoothing);
		Device dev = Devices.parse(device);
		DataType convolutions = Precision.parse(precision).convolutions(dev);
		FastStylizer.check(tile);
		if (!(strength >= 0 && strength <= 1)) throw new IllegalArgumentException(
			"'strength' must be between 0 and 1, not " + strength + ".");
		Path file = FastModelSource.standard(TITLE).find(model, model_file);
		try (TransformerNet net = TransformerNet.load(file, dev)) {
			net.convolutionsIn(convolutions);
			FastStylizer stylizer = new FastStylizer(net, tile);
			StatusBarProgress progress = new StatusBarProgress(TITLE);
			TemporalBlend blend = temporal_smoothing == TemporalBlend.NONE ? null
				: new TemporalBlend(temporal_smoothing);
			PlaneStylizer network = new PlaneStylizer() {

				@Override
				public RgbImage stylize(RgbImage picture, ProgressReporter reporter) {
					RgbImage out = stylizer.stylize(picture, (done, total) -> {
						// Escape stops within the plane too; the plane is then left as it
						// was.
						if (reporter.isCancelled()) throw new CancellationException(
							"Stylization cancelled");
						if (total > 1) progress.planeSteps(done, total, "tile");
					});
					RgbImage smoothed = blend == null ? out : blend.next(picture, out);
					return Blending.withContent(picture, smoothed, strength);
				}

				@Override
				public void sequenceStarted() {
					if (blend != null) blend.restart();
				}
			};
			StylizingResult run = StackStylizing.run(image, planes, axis, network,
				progress);
			describe(run.image(), run, file);
			if (blend != null && blend.flicker().pairs() > 0) ImagePlanes.appendInfo(
				run.image(), TITLE + ": " + blend.flicker().summary());
			result = run.image();
		}
	}

	/**
	 * Notes in the result's Info how it was made, so a saved result can be
	 * reproduced.
	 */
	private void describe(ImagePlus stylized, StylizingResult run, Path file) {
		String note = String.format(Locale.ROOT,
			"%s: %s scope=[%s] device=%s tile=%d strength=%s precision=%s%s; %d of %d planes stylized",
			TITLE, model_file != null ? "model_file=[" + model_file + "]"
				: "model=[" + model.trim() + "] (" + file + ")", scope, device, tile,
			strength, precision, temporal_smoothing == TemporalBlend.NONE ? ""
				: " temporal_smoothing=" + temporal_smoothing + " temporal_axis=" +
					temporal_axis, run.stylized(), run.total());
		ImagePlanes.appendInfo(stylized, note);
	}
}
