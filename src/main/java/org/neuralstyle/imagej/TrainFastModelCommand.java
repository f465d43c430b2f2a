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
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.neuralstyle.fast.FastModelLibrary;
import org.neuralstyle.fast.train.FastTrainer;
import org.neuralstyle.fast.train.FastTrainingSettings;
import org.neuralstyle.fast.train.TrainingCheckpoint;
import org.neuralstyle.fast.train.TrainingImages;
import org.neuralstyle.fast.train.TrainingResult;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagefile.ImageFileReader;
import org.neuralstyle.net.Devices;
import org.neuralstyle.checkpoint.StateDict;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.neuralstyle.imagej.ij1.Gui;
import org.neuralstyle.imagej.models.NetworkWeights;
import org.neuralstyle.imagej.planes.ImageConversion;
import org.neuralstyle.imagej.progress.LossPlot;
import org.neuralstyle.imagej.progress.TrainingProgress;
import org.neuralstyle.weights.ModelRegistry;

/**
 * Train fast model: teaches a Johnson et al. transformation network one style
 * from a folder of pictures, as pytorch/examples {@code fast_neural_style}
 * does. The model is saved under its name in the fast models folder of the
 * weights cache, where Stylize (fast model) finds it. Training shows its step,
 * losses and time left in the status bar and the losses in a live plot; Escape
 * stops it and saves the model so far (and a checkpoint to resume from).
 * <p>
 * The parameter names are the macro keys, in Fiji and in plain ImageJ 1.x
 * alike: keep them. The defaults are pytorch/examples'
 * ({@link FastTrainingSettings}), except that checkpoints are on.
 */
@Plugin(type = Command.class,
	menuPath = "Plugins>Style Transfer>Train fast model", headless = true)
public class TrainFastModelCommand extends StyleTransferCommand {

	static final String TITLE = "Train fast model";

	private static final FastTrainingSettings DEFAULTS =
		new FastTrainingSettings();

	@Parameter
	private LogService log;

	@Parameter(label = "Training images", style = FileWidget.DIRECTORY_STYLE,
		description = "A folder of pictures, searched with its subfolders (e.g. COCO train2014).")
	private File images;

	@Parameter(label = "Style image", style = FileWidget.OPEN_STYLE,
		description = "The picture whose style the model learns.")
	private File style;

	@Parameter(label = "Model name",
		description = "The name Stylize (fast model) will offer it under (or a .safetensors file).")
	private String model_name = "my_style";

	@Parameter(label = "Image size", min = "16",
		description = "Side of the square crops it trains on; a multiple of 4.")
	private int image_size = DEFAULTS.imageSize;

	@Parameter(label = "Batch size", min = "1")
	private int batch_size = DEFAULTS.batchSize;

	@Parameter(label = "Epochs", min = "1",
		description = "Passes over the training images (when steps is 0).")
	private int epochs = DEFAULTS.epochs;

	@Parameter(label = "Steps", min = "0",
		description = "Batches to train on; 0: as many as the epochs take.")
	private int steps = DEFAULTS.steps;

	@Parameter(label = "Content weight", min = "0")
	private double content_weight = DEFAULTS.contentWeight;

	@Parameter(label = "Style weight", min = "0")
	private double style_weight = DEFAULTS.styleWeight;

	@Parameter(label = "Learning rate", min = "0")
	private double learning_rate = DEFAULTS.learningRate;

	@Parameter(label = "Style size", min = "0",
		description = "Long side the style image is resized to; 0 keeps its size.")
	private int style_size = DEFAULTS.styleSize;

	@Parameter(label = "Checkpoint every", min = "0",
		description = "Steps between checkpoints to resume from; 0: none.")
	private int checkpoint_every = DEFAULTS.checkpointEvery;

	@Parameter(label = "Resume from", required = false,
		style = FileWidget.OPEN_STYLE,
		description = "A checkpoint (or model) of an earlier training to continue; empty: start afresh.")
	private File resume;

	@Parameter(label = "Replace an existing model",
		description = "Train again under a name that is taken.")
	private boolean overwrite;

	@Parameter(label = "Device", choices = { Devices.AUTO, Devices.CPU,
		Devices.GPU })
	private String device = Devices.AUTO;

	@Parameter(label = "VGG16 weights file", required = false,
		style = FileWidget.OPEN_STYLE,
		description = "torchvision's vgg16-397923af.pth (or .safetensors); empty: the cached copy.")
	private File weights;

	private TrainingProgress progress;
	private LossPlot plot;
	private TrainingResult result;

	@Override
	protected String title() {
		return TITLE;
	}

	@Override
	protected void execute() throws Exception {
		train();
	}

	private void train() throws Exception {
		if (images == null) throw new IllegalArgumentException(
			"Choose the folder of training images.");
		if (style == null) throw new IllegalArgumentException(
			"Choose the style image.");
		// Everything the user can get wrong is checked before the loss network
		// loads and the long run starts.
		FastTrainingSettings settings = settings();
		Path model = modelFile();
		if (Files.exists(model) && !overwrite && resume == null)
			throw new IllegalArgumentException("A model named " + model_name +
				" already exists (" + model +
				"). Choose another name, tick 'Replace an existing model', or resume from its checkpoint.");
		if (resume != null && !resume.isFile()) throw new IllegalArgumentException(
			"The file to resume from, " + resume + ", does not exist.");
		Device dev = Devices.parse(device);
		TrainingImages pictures = TrainingImages.in(images.toPath(),
			TrainFastModelCommand::read);
		RgbImage styleImage = read(style.toPath());

		plot = Gui.canShowWindows() ? new LossPlot(TITLE + ": " + model_name)
			: null;
		progress = new TrainingProgress(TITLE, plot, message -> log.warn(message));
		int total = settings.totalSteps(pictures.size());
		log.info(TITLE + ": " + pictures.size() + " pictures in " + images + ", " +
			total + " steps; model " + model + (settings.checkpointEvery > 0
				? ", checkpoints in " + TrainingCheckpoint.checkpointFile(model) : ""));
		try (StateDict vgg = NetworkWeights.standard(TITLE).open(
			ModelRegistry.VGG16_ID, weights);
				FastTrainer trainer = new FastTrainer(vgg, dev))
		{
			result = trainer.train(pictures, styleImage, style.getName(), settings,
				model, resume == null ? null : resume.toPath(), progress);
		}
		IJ.showProgress(1.0);
		progress.show(TITLE + ": " + result.message());
		if (result.outcome() == TrainingResult.Outcome.DIVERGED)
			throw new IllegalStateException(result.message());
		log.info(TITLE + ": " + result.message());
	}

	/** The engine's settings from the parameters, checked. */
	FastTrainingSettings settings() {
		FastTrainingSettings s = new FastTrainingSettings();
		s.imageSize = image_size;
		s.batchSize = batch_size;
		s.epochs = epochs;
		s.steps = steps;
		s.contentWeight = content_weight;
		s.styleWeight = style_weight;
		s.learningRate = learning_rate;
		s.styleSize = style_size;
		s.checkpointEvery = checkpoint_every;
		s.validate();
		return s;
	}

	/**
	 * A name's place in the fast models folder, or the .safetensors file given
	 * instead.
	 */
	private Path modelFile() {
		String name = model_name == null ? "" : model_name.trim();
		if (!FastModelLibrary.isFileName(name)) return FastModelLibrary.standard()
			.pathFor(name);
		Path file = Path.of(name);
		if (!name.toLowerCase(Locale.ROOT).endsWith(".safetensors"))
			throw new IllegalArgumentException(
				"Trained models are saved as safetensors: end the model file with .safetensors (got " +
					name + "), or give a name.");
		return file;
	}

	/**
	 * Reads a picture as ImageJ displays it (any type ImageJ opens; 16-bit
	 * through its display range).
	 */
	static RgbImage read(Path file) throws IOException {
		ImagePlus image = ImageFileReader.open(file);
		try {
			return ImageConversion.displayedPlane(image);
		}
		finally {
			image.close();
		}
	}

	/** How the training ended (null before it ran). */
	TrainingResult result() {
		return result;
	}

	/** The live plot, or null when no window may open. */
	LossPlot plot() {
		return plot;
	}

	/**
	 * The last status message, e.g. the engine's "Trained for 20 steps; saved …".
	 */
	String status() {
		return progress == null ? "" : progress.status();
	}
}
