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
import java.util.ArrayList;
import java.util.List;
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
import org.neuralstyle.image.Mask;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagej.ij1.CommandParameter;
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

	@Parameter(label = "Regions", required = false,
		style = CommandParameter.REGIONS_STYLE,
		description = "A model per region: [ROI Manager] (ROI i takes model i) or the title of a label image " +
			"(label k takes model k; 0 keeps the image). The models are 'model' (or 'model_file'), 'model_2'...; " +
			"empty: one model everywhere.")
	private String regions = "";

	@Parameter(label = "Second model", required = false,
		description = "With 'regions': the model of region 2, a name or a model file, as 'model'.")
	private String model_2 = "";

	@Parameter(label = "Third model", required = false,
		description = "With 'regions': the model of region 3.")
	private String model_3 = "";

	@Parameter(label = "Fourth model", required = false,
		description = "With 'regions': the model of region 4.")
	private String model_4 = "";

	@Parameter(label = "Feather", min = "0",
		description = "With 'regions': the standard deviation in pixels of the Gaussian that softens the regions' edges " +
			"so neighbouring models meet without a seam; 0: hard edges.")
	private double feather = Blending.DEFAULT_FEATHER;

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
		String r = CommandParameter.imageTitle(regions);
		List<String> more = moreModels(!r.isEmpty());
		List<Mask> regionMasks = r.isEmpty() ? null : regionMasks(r, 1 + more
			.size());
		FastModelSource source = FastModelSource.standard(TITLE);
		List<Path> files = new ArrayList<>(List.of(source.find(model, model_file)));
		for (String name : more)
			files.add(source.find(name, null));
		List<TransformerNet> nets = new ArrayList<>();
		try {
			List<FastStylizer> stylizers = new ArrayList<>();
			for (Path file : files) {
				TransformerNet net = TransformerNet.load(file, dev);
				nets.add(net);
				net.convolutionsIn(convolutions);
				stylizers.add(new FastStylizer(net, tile));
			}
			StatusBarProgress progress = new StatusBarProgress(TITLE);
			TemporalBlend blend = temporal_smoothing == TemporalBlend.NONE ? null
				: new TemporalBlend(temporal_smoothing);
			PlaneStylizer network = new PlaneStylizer() {

				@Override
				public RgbImage stylize(RgbImage picture, ProgressReporter reporter) {
					RgbImage out;
					if (regionMasks == null) out = run(stylizers.get(0), picture,
						reporter);
					else {
						List<RgbImage> outputs = new ArrayList<>();
						for (FastStylizer stylizer : stylizers)
							outputs.add(run(stylizer, picture, reporter));
						// At full strength here: the strength is applied below, after the
						// smoothing, as for one model (the blend is linear, so this is the
						// same as blending the regions at that strength).
						out = Blending.regions(picture, outputs, ContentRegions.croppedTo(
							regionMasks, image, picture), 1, feather);
					}
					RgbImage smoothed = blend == null ? out : blend.next(picture, out);
					return Blending.withContent(picture, smoothed, strength);
				}

				private RgbImage run(FastStylizer stylizer, RgbImage picture,
					ProgressReporter reporter)
				{
					return stylizer.stylize(picture, (done, total) -> {
						// Escape stops within the plane too; the plane is then left as it
						// was.
						if (reporter.isCancelled()) throw new CancellationException(
							"Stylization cancelled");
						if (total > 1) progress.planeSteps(done, total, "tile");
					});
				}

				@Override
				public void sequenceStarted() {
					if (blend != null) blend.restart();
				}
			};
			StylizingResult run = StackStylizing.run(image, planes, axis, network,
				progress);
			describe(run.image(), run, files, regionMasks != null);
			if (blend != null && blend.flicker().pairs() > 0) ImagePlanes.appendInfo(
				run.image(), TITLE + ": " + blend.flicker().summary());
			result = run.image();
		}
		finally {
			for (TransformerNet net : nets)
				net.close();
		}
	}

	/** The keys of the models after the first, in region order. */
	private String[][] moreModelKeys() {
		return new String[][] { { "model_2", model_2 }, { "model_3", model_3 }, {
			"model_4", model_4 } };
	}

	/**
	 * 'model_2'... as given, in order: only with regions, and without a gap (a
	 * model's region is its place in the list).
	 */
	private List<String> moreModels(boolean withRegions) {
		List<String> names = new ArrayList<>();
		String gap = null;
		for (String[] keyName : moreModelKeys()) {
			String name = keyName[1] == null ? "" : keyName[1].trim();
			if (name.isEmpty()) {
				if (gap == null) gap = keyName[0];
				continue;
			}
			if (!withRegions) throw new IllegalArgumentException("'" + keyName[0] +
				"' is given but 'regions' is empty: more models go with regions " +
				"([ROI Manager] or a label image), one per region; or leave " +
				keyName[0] + " empty.");
			if (gap != null) throw new IllegalArgumentException("'" + keyName[0] +
				"' is given but '" + gap +
				"' is empty: give the models in order, one per region.");
			names.add(name);
		}
		return names;
	}

	/** The masks of 'regions', checked against the number of models. */
	private List<Mask> regionMasks(String r, int modelCount) {
		if (!(feather >= 0)) throw new IllegalArgumentException(
			"'feather' must be a number of pixels, 0 or more, not " + feather + ".");
		List<Mask> masks = ContentRegions.of(r, image, "model");
		if (masks.size() != modelCount) throw new IllegalArgumentException(String
			.format(Locale.ROOT,
				"'regions' has %d region%s but %d model%s given (model, model_2...): give one model per region, in order.",
				masks.size(), masks.size() == 1 ? "" : "s", modelCount, modelCount == 1
					? " is" : "s are"));
		return masks;
	}

	/**
	 * Notes in the result's Info how it was made, so a saved result can be
	 * reproduced.
	 */
	private void describe(ImagePlus stylized, StylizingResult run,
		List<Path> files, boolean withRegions)
	{
		StringBuilder models = new StringBuilder(model_file != null
			? "model_file=[" + model_file + "]" : "model=[" + model.trim() + "] (" +
				files.get(0) + ")");
		if (withRegions) {
			models.append(" regions=[").append(CommandParameter.imageTitle(regions))
				.append(']');
			String[][] more = moreModelKeys();
			for (int k = 1; k < files.size(); k++)
				models.append(' ').append(more[k - 1][0]).append("=[").append(more[k -
					1][1].trim()).append("] (").append(files.get(k)).append(')');
			models.append(" feather=").append(feather);
		}
		String note = String.format(Locale.ROOT,
			"%s: %s scope=[%s] device=%s tile=%d strength=%s precision=%s%s; %d of %d planes stylized",
			TITLE, models, scope, device, tile, strength, precision,
			temporal_smoothing == TemporalBlend.NONE ? "" : " temporal_smoothing=" +
				temporal_smoothing + " temporal_axis=" + temporal_axis, run.stylized(),
			run.total());
		ImagePlanes.appendInfo(stylized, note);
	}
}
