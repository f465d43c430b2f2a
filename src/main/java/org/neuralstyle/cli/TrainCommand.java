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

import org.neuralstyle.optimize.preset.Preset;
import org.neuralstyle.optimize.preset.Presets;

import ai.djl.Device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.neuralstyle.fast.FastModelLibrary;
import org.neuralstyle.fast.train.FastTrainer;
import org.neuralstyle.fast.train.FastTrainingListener;
import org.neuralstyle.fast.train.FastTrainingSettings;
import org.neuralstyle.fast.train.TrainingCheckpoint;
import org.neuralstyle.fast.train.TrainingImages;
import org.neuralstyle.fast.train.TrainingResult;
import org.neuralstyle.fast.train.TrainingStep;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.progress.TimeLeft;
import org.neuralstyle.weights.PretrainedWeights;
import org.neuralstyle.checkpoint.StateDict;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.neuralstyle.weights.ModelRegistry;

/**
 * {@code train}: trains a fast style model (Johnson et al.) on a folder of
 * pictures.
 */
@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
	defaultValueProvider = TrainCommand.Defaults.class,
	description = "Train a fast style model (Johnson et al., as pytorch/examples fast_neural_style) on a folder of pictures.")
final class TrainCommand implements Callable<Integer> {

	/** The engine's defaults ({@link FastTrainingSettings}). */
	static final class Defaults extends EngineDefaults {

		Defaults() {
			super(new FastTrainingSettings());
		}
	}

	private static final FastTrainingSettings DEFAULTS =
		new FastTrainingSettings();

	/**
	 * What picocli parsed: tells an option given from one left at its default.
	 */
	@Spec
	CommandSpec spec;

	@Option(names = "--preset", paramLabel = "NAME",
		description = "Start from a named system's training settings (johnson: Johnson et al. as pytorch/examples trains); options given explicitly replace its values. optimize --preset list shows them.")
	String preset;

	@Option(names = "--images", required = true, paramLabel = "DIR",
		description = "Folder of training pictures, searched recursively (e.g. COCO train2014).")
	Path images;

	@Option(names = "--style", required = true, paramLabel = "FILE",
		description = "Style image.")
	Path style;

	@Option(names = "--output", required = true, paramLabel = "NAME|FILE",
		description = "A model name (saved in the fast models folder, so the fast command offers it) or a .safetensors file.")
	String output;

	@Option(names = "--image-size", descriptionKey = "imageSize",
		paramLabel = "N",
		description = "Side of the square training crops (default: ${DEFAULT-VALUE}).")
	int imageSize;

	@Option(names = "--batch-size", descriptionKey = "batchSize",
		paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
	int batchSize;

	@ArgGroup(exclusive = true)
	Length length;

	static final class Length {

		@Option(names = "--epochs", paramLabel = "N",
			description = "Passes over the pictures (default: 2).")
		Integer epochs;

		@Option(names = "--steps", paramLabel = "N",
			description = "Batches to train on instead of whole epochs.")
		Integer steps;
	}

	@Option(names = "--content-weight", descriptionKey = "contentWeight",
		paramLabel = "X", description = "Default: ${DEFAULT-VALUE}.")
	double contentWeight;

	@Option(names = "--style-weight", descriptionKey = "styleWeight",
		paramLabel = "X", description = "Default: ${DEFAULT-VALUE}.")
	double styleWeight;

	@Option(names = "--lr", descriptionKey = "learningRate", paramLabel = "X",
		description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
	double lr;

	@Option(names = "--style-size", descriptionKey = "styleSize",
		paramLabel = "N",
		description = "Long side to resize the style image to; 0 keeps its size (default).")
	int styleSize;

	@Option(names = "--checkpoint-every", descriptionKey = "checkpointEvery",
		paramLabel = "N",
		description = "Steps between resumable checkpoints (in checkpoints/ beside the model); 0: none (default: ${DEFAULT-VALUE}).")
	int checkpointEvery;

	@Option(names = "--resume", paramLabel = "FILE",
		description = "Continue from a checkpoint (or a model) of an earlier training.")
	Path resume;

	@Option(names = "--weights", paramLabel = "FILE",
		description = "VGG16 checkpoint to use instead of the cached/downloaded one.")
	Path weights;

	@Option(names = "--seed", descriptionKey = "seed", paramLabel = "N",
		description = "Seed of the initial weights and the picture order (default: ${DEFAULT-VALUE}).")
	long seed;

	@Mixin
	DeviceOption device;

	@Option(names = "--log-every", defaultValue = "10", paramLabel = "N",
		description = "Print the losses every N steps (default: ${DEFAULT-VALUE}).")
	int logEvery;

	@Option(names = "--overwrite",
		description = "Replace an existing model of that name or file.")
	boolean overwrite;

	@Override
	public Integer call() throws Exception {
		// Everything a user can get wrong is checked before the loss network loads
		// and the long run starts.
		FastTrainingSettings settings = settings();
		if (logEvery < 1) throw new IllegalArgumentException(
			"--log-every must be at least 1");
		Path model = modelFile();
		if (Files.exists(model) && !overwrite && resume == null)
			throw new IllegalArgumentException(model +
				" already exists: choose another --output, add --overwrite to replace it, or --resume to train it further");
		if (resume != null && !Files.isRegularFile(resume))
			throw new IllegalArgumentException("--resume " + resume +
				" does not exist");
		TrainingImages pictures = TrainingImages.in(images, ImageFiles::read);
		RgbImage styleImage = ImageFiles.read(style);
		Device dev = device.parse();
		int total = settings.totalSteps(pictures.size());
		System.err.printf(Locale.ROOT,
			"Training on %d pictures in %s: %d steps of %d at %dx%d; model: %s%n",
			pictures.size(), images, total, settings.batchSize, settings.imageSize,
			settings.imageSize, model);
		if (settings.checkpointEvery > 0) System.err.println("Checkpoints every " +
			settings.checkpointEvery + " steps: " + TrainingCheckpoint.checkpointFile(
				model));

		try (StateDict vgg = PretrainedWeights.standard(
			PretrainedWeights.Consent.ALWAYS, new ConsoleProgress(
				ModelRegistry.VGG16_ID, System.err)).vgg(ModelRegistry.VGG16_ID,
					weights);
				FastTrainer trainer = new FastTrainer(vgg, dev);
				// Ctrl-C: stop after the current step and save the model (and a
				// checkpoint) as it is.
				Interruption interruption = Interruption.install("step", 120))
		{
			Log log = new Log(interruption, total);
			TrainingResult result;
			try {
				result = trainer.train(pictures, styleImage, style.getFileName()
					.toString(), settings, model, resume, log);
			}
			finally {
				log.bar.close();
			}
			System.err.println(result.message());
			return switch (result.outcome()) {
				case COMPLETED -> ExitCodes.OK;
				case CANCELLED -> ExitCodes.INTERRUPTED;
				case DIVERGED -> ExitCodes.DIVERGED;
			};
		}
	}

	/**
	 * Whether an option replaces the preset's value: without a preset all do,
	 * with one only those given.
	 */
	private boolean given(String option) {
		if (preset == null || spec == null) return true;
		return spec.commandLine().getParseResult().hasMatchedOption(option);
	}

	FastTrainingSettings settings() {
		FastTrainingSettings s = new FastTrainingSettings();
		if (preset != null) {
			Preset p = Presets.named(preset);
			if (p.kind() != Preset.Kind.TRAIN) throw new IllegalArgumentException(
				"Preset '" + p.name() +
					"' is for optimize, not train. Training presets: " + String.join(", ",
						Presets.names(Preset.Kind.TRAIN)) + ".");
			s = p.trainingSettings();
		}
		if (given("--image-size")) s.imageSize = imageSize;
		if (given("--batch-size")) s.batchSize = batchSize;
		if (length != null && length.epochs != null) s.epochs = length.epochs;
		else if (preset == null) s.epochs = DEFAULTS.epochs;
		if (length != null && length.steps != null) s.steps = length.steps;
		if (length != null && length.steps != null && length.steps < 1)
			throw new IllegalArgumentException("--steps must be at least 1");
		if (given("--content-weight")) s.contentWeight = contentWeight;
		if (given("--style-weight")) s.styleWeight = styleWeight;
		if (given("--lr")) s.learningRate = lr;
		if (given("--style-size")) s.styleSize = styleSize;
		if (given("--checkpoint-every")) s.checkpointEvery = checkpointEvery;
		if (given("--seed")) s.seed = seed;
		s.validate();
		return s;
	}

	/**
	 * The file {@code --output} names: a path as given, or a name's place in the
	 * fast models folder.
	 */
	Path modelFile() {
		if (!FastModelLibrary.isFileName(output)) return FastModelLibrary.standard()
			.pathFor(output);
		Path file = Path.of(output);
		if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(
			".safetensors")) throw new IllegalArgumentException(
				"Trained models are saved as safetensors: end --output with .safetensors (got " +
					output + "), or give a name");
		Path folder = file.toAbsolutePath().getParent();
		if (!Files.isDirectory(folder)) throw new IllegalArgumentException(
			"The folder of " + file + " does not exist");
		return file;
	}

	/** One line per logged step with the losses, the speed and the time left. */
	private final class Log implements FastTrainingListener {

		private final Interruption interruption;
		private final TimeLeft timeLeft = new TimeLeft();
		private int firstStep = -1;
		final RunProgress bar;

		Log(Interruption interruption, int steps) {
			this.interruption = interruption;
			bar = RunProgress.start("train", steps);
		}

		@Override
		public void stepped(TrainingStep s) {
			timeLeft.iterationDone(System.nanoTime());
			bar.update(s.step(), String.format(Locale.ROOT,
				"content %.3g style %.3g total %.3g", s.content(), s.style(), s
					.total()));
			if (bar.isBar()) return;
			if (firstStep < 0) firstStep = s.step();
			if (s.step() % logEvery != 0 && s.step() != s.steps() && s
				.step() != firstStep) return;
			double perStep = timeLeft.secondsPerIteration();
			String speed = Double.isNaN(perStep) ? "" : String.format(Locale.ROOT,
				" (%.2f s/step, %s)", perStep, TimeLeft.format(timeLeft.seconds(s
					.steps() - s.step())));
			System.out.printf(Locale.ROOT,
				"step %d/%d content %.6g style %.6g total %.6g%s%n", s.step(), s
					.steps(), s.content(), s.style(), s.total(), speed);
			System.out.flush();
		}

		@Override
		public void checkpointed(int step, Path file) {
			System.err.println("checkpoint of step " + step + ": " + file);
		}

		@Override
		public void warning(String message) {
			System.err.println("warning: " + message);
		}

		@Override
		public boolean cancelled() {
			return interruption.requested();
		}
	}
}
