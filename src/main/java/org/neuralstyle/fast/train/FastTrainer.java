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

package org.neuralstyle.fast.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.neuralstyle.tensor.GradientRecording;
import org.neuralstyle.image.Resampling;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.Pooling;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;
import org.neuralstyle.optim.Adam;
import org.neuralstyle.optim.Evaluation;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.fast.TransformerNet;
import org.neuralstyle.fast.TransformerNetLayout;
import org.neuralstyle.fast.TransformerWeights;

/**
 * Trains a fast style network (Johnson et al.) as pytorch/examples
 * {@code fast_neural_style} does: batches of training images go through the
 * transformation network, the perceptual loss of a fixed VGG16 compares the
 * outputs with their inputs (content) and with the style image (style), and
 * Adam updates the network's weights. The weights are one flat vector that Adam
 * owns; each step makes a fresh gradient leaf of it and hands the network views
 * of that leaf, so the gradient of every tensor lands in one vector of the same
 * layout.
 * <p>
 * The model is saved as safetensors with the pytorch/examples tensor names and
 * a metadata record of how it was trained; checkpoints (weights plus Adam's
 * moments, see {@link TrainingCheckpoint}) let a training resume exactly where
 * it stopped.
 */
public final class FastTrainer implements AutoCloseable {

	private final NDManager manager;
	private final Vgg vgg;
	private final String lossNetwork;

	/**
	 * Loads the loss network (up to relu4_3) from a torchvision VGG state dict.
	 *
	 * @throws CheckpointException if the state dict is not a VGG with the layers
	 *           the loss needs
	 */
	public FastTrainer(StateDict lossNetwork, Device device) throws IOException {
		List<VggLayer> layout = Vgg.layout(lossNetwork);
		List<String> names = layout.stream().map(VggLayer::name).toList();
		List<String> missing = new ArrayList<>();
		for (String layer : FastTrainingSettings.STYLE_LAYERS)
			if (!names.contains(layer)) missing.add(layer);
		if (!missing.isEmpty()) throw new CheckpointException(
			"The loss network has no layer " + String.join(", ", missing) +
				" (it has " + convolutions(layout) +
				" convolutions): training needs torchvision's VGG16 (vgg16-397923af.pth)," +
				" as in Johnson et al. Give that file, or leave the weights empty to use the cached VGG16.");
		this.lossNetwork = name(layout);
		this.manager = NDManager.newBaseManager(device);
		try {
			this.vgg = Vgg.load(lossNetwork, FastTrainingSettings.STYLE_LAYERS.get(
				FastTrainingSettings.STYLE_LAYERS.size() - 1), Pooling.MAX, manager,
				device);
		}
		catch (IOException | RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	private static long convolutions(List<VggLayer> layout) {
		return layout.stream().filter(l -> l.kind() == VggLayer.Kind.CONV).count();
	}

	/**
	 * Names the loss network for the model's record by the part the loss uses
	 * (blocks 1 to 4): "vgg16" or "vgg19" for torchvision's, else its
	 * convolutions per block and channel widths.
	 */
	private static String name(List<VggLayer> layout) {
		List<Integer> convolutions = new ArrayList<>();
		List<Integer> widths = new ArrayList<>();
		for (VggLayer layer : layout) {
			if (layer.kind() != VggLayer.Kind.CONV) continue;
			int block = Integer.parseInt(layer.name().substring(4, layer.name()
				.indexOf('_')));
			if (block > 4) break;
			if (convolutions.size() < block) {
				convolutions.add(0);
				widths.add(0);
			}
			convolutions.set(block - 1, convolutions.get(block - 1) + 1);
			widths.set(block - 1, layer.outChannels());
		}
		String base = convolutions.equals(List.of(2, 2, 3, 3)) ? "vgg16"
			: convolutions.equals(List.of(2, 2, 4, 4)) ? "vgg19" : "vgg";
		if (widths.equals(List.of(64, 128, 256, 512)) && !base.equals("vgg"))
			return base;
		return base + " layout with " + join(convolutions) + " convolutions and " +
			join(widths) + " channels per block";
	}

	private static String join(List<Integer> values) {
		return String.join("-", values.stream().map(String::valueOf).toList());
	}

	/**
	 * Trains a model and saves it to {@code model} (safetensors). Returns when
	 * the steps are done, when {@code listener} cancels (the model so far is
	 * saved, and a checkpoint written if checkpoints are on) or when the loss
	 * diverges (nothing is saved; the last checkpoint stays).
	 *
	 * @param styleName the style image's name, recorded in the model's metadata
	 * @param resume a checkpoint or model file to continue from (its weights, its
	 *          step and, when the optimizer file is beside it, Adam's state), or
	 *          null to start afresh
	 * @throws IllegalArgumentException for settings that cannot be trained with
	 * @throws IOException if the resume file is unusable, no training image can
	 *           be read or the model cannot be written
	 */
	public TrainingResult train(TrainingImages images, RgbImage style,
		String styleName, FastTrainingSettings settings, Path model, Path resume,
		FastTrainingListener listener) throws IOException
	{
		settings.validate();
		int total = settings.totalSteps(images.size());
		Start start = start(resume, settings, styleName, total, listener);
		Path checkpoint = settings.checkpointEvery > 0 ? TrainingCheckpoint
			.checkpointFile(model) : null;
		// Days of training must not end in a folder that cannot take the model.
		writableFolder(model);
		if (checkpoint != null) writableFolder(checkpoint);

		// Cancelled while waiting for the turn: the loop's first check ends the
		// training before it records.
		try (GradientRecording.Turn turn = GradientRecording.take(listener::waiting,
			listener::cancelled);
				NDManager run = manager.newSubManager();
				BatchLoader batches = new BatchLoader(images, settings, total);
				PerceptualLoss loss = new PerceptualLoss(vgg, styleImage(style,
					settings), settings.contentWeight, settings.styleWeight, run);
				Adam adam = optimizer(start, resume, settings, run, listener))
		{
			Run training = new Run(adam, new Loop(batches, loss, listener), total,
				checkpoint, images, styleName, settings, listener);
			return training.execute(start.step(), model);
		}
	}

	/**
	 * Where a training starts: its weights and the number of steps they have had.
	 */
	private record Start(TransformerWeights weights, int step) {
	}

	/**
	 * Fresh weights (PyTorch's initialization from the seed), or those of the
	 * file to resume from.
	 */
	private Start start(Path resume, FastTrainingSettings settings,
		String styleName, int total, FastTrainingListener listener)
		throws IOException
	{
		if (resume == null) return new Start(TransformerWeights.pytorchDefault(
			settings.seed), 0);
		TransformerWeights weights;
		try (StateDict checkpoint = Checkpoints.open(resume)) {
			weights = TransformerWeights.read(checkpoint);
		}
		int done = savedStep(weights, resume, listener);
		if (done >= total) throw new IllegalArgumentException(resume.getFileName() +
			" has already been trained for " + done +
			" steps, and this training has " + total +
			": give more steps or epochs to train it further.");
		warnAboutChanges(weights.metadata(), settings, styleName, listener);
		return new Start(weights, done);
	}

	/**
	 * Adam over the flat weights, with its saved state when a resumed training
	 * has one beside it.
	 */
	private static Adam optimizer(Start start, Path resume,
		FastTrainingSettings settings, NDManager run, FastTrainingListener listener)
		throws IOException
	{
		Adam adam;
		try (NDArray initial = run.create(start.weights().values())) {
			adam = new Adam(initial, settings.learningRate);
		}
		if (resume != null && start.step() > 0) {
			Adam.State state = TrainingCheckpoint.readOptimizer(TrainingCheckpoint
				.optimizerFile(resume), start.step(), listener);
			if (state != null) adam.restore(state);
		}
		return adam;
	}

	/**
	 * The steps of one training, with checkpoints, cancel and divergence, then
	 * the saved model.
	 */
	private final class Run {

		private final Adam adam;
		private final Loop loop;
		private final int total;
		private final Path checkpoint;
		private final TrainingImages images;
		private final String styleName;
		private final FastTrainingSettings settings;
		private final FastTrainingListener listener;

		Run(Adam adam, Loop loop, int total, Path checkpoint, TrainingImages images,
			String styleName, FastTrainingSettings settings,
			FastTrainingListener listener)
		{
			this.adam = adam;
			this.loop = loop;
			this.total = total;
			this.checkpoint = checkpoint;
			this.images = images;
			this.styleName = styleName;
			this.settings = settings;
			this.listener = listener;
		}

		TrainingResult execute(int done, Path model) throws IOException {
			int step = done;
			TrainingResult.Outcome outcome = TrainingResult.Outcome.COMPLETED;
			int checkpointed = done;
			try {
				while (step < total) {
					if (listener.cancelled()) {
						outcome = TrainingResult.Outcome.CANCELLED;
						break;
					}
					Losses losses = loop.step(adam, step);
					step++;
					listener.stepped(new TrainingStep(step, total, losses.content(),
						losses.style()));
					if (checkpoint != null && step % settings.checkpointEvery == 0) {
						writeCheckpoint(adam, checkpoint, step, total, images, styleName,
							settings, listener);
						checkpointed = step;
					}
				}
			}
			catch (Diverged diverged) {
				String kept = checkpointed > 0 && checkpoint != null
					? " The checkpoint of step " + checkpointed + " is kept: " +
						checkpoint + "." : "";
				return new TrainingResult(TrainingResult.Outcome.DIVERGED, step, total,
					null, null, "The training diverged at step " + (step + 1) +
						": the loss became NaN or infinite. Nothing was saved." + kept +
						" Lower the learning rate or the style weight and train again.");
			}
			if (outcome == TrainingResult.Outcome.CANCELLED && step == 0)
				return new TrainingResult(outcome, 0, total, null, null,
					"Cancelled before the first step; no model was saved.");
			if (outcome == TrainingResult.Outcome.CANCELLED && checkpoint != null &&
				checkpointed != step)
			{
				writeCheckpoint(adam, checkpoint, step, total, images, styleName,
					settings, listener);
			}
			return save(outcome, step, model);
		}

		private TrainingResult save(TrainingResult.Outcome outcome, int step,
			Path model) throws IOException
		{
			String status = outcome == TrainingResult.Outcome.COMPLETED ? "complete"
				: "cancelled";
			TransformerWeights trained = weights(adam, step, total, images, styleName,
				settings, status);
			FastTrainer.save(() -> trained.write(model));
			String message = outcome == TrainingResult.Outcome.COMPLETED
				? "Trained for " + step + " steps; saved " + model + "."
				: "Cancelled at step " + step + " of " + total +
					"; saved the model so far as " + model + "." + (checkpoint != null
						? " Resume from " + checkpoint + " to continue." : "");
			return new TrainingResult(outcome, step, total, model, trained, message);
		}
	}

	private static void writableFolder(Path file) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		try {
			Files.createDirectories(folder);
		}
		catch (IOException e) {
			throw new IOException("Cannot create the folder " + folder + " for " +
				file.getFileName() + ": " + e.getMessage() +
				". Choose another place for the model.", e);
		}
		if (!Files.isWritable(folder)) throw new IOException("Cannot write into " +
			folder + ": choose another place for the model.");
	}

	/** The style image at the size the settings ask for. */
	private static RgbImage styleImage(RgbImage style,
		FastTrainingSettings settings)
	{
		RgbImage sized = style;
		if (settings.styleSize > 0 && Math.max(style.width(), style
			.height()) != settings.styleSize)
		{
			int[] size = Resampling.fitLongSide(style.width(), style.height(),
				settings.styleSize);
			sized = Resampling.resize(style, size[0], size[1]);
		}
		// relu4_3 lies behind three 2×2 poolings.
		if (Math.min(sized.width(), sized.height()) < 16)
			throw new IllegalArgumentException("The style image is " + sized.width() +
				"x" + sized.height() +
				" pixels: the loss network needs at least 16 on each side. Use a larger style image" +
				(settings.styleSize > 0 ? " or style size." : "."));
		return sized;
	}

	private static int savedStep(TransformerWeights weights, Path file,
		FastTrainingListener listener) throws CheckpointException
	{
		String step = weights.metadata().get(TrainingCheckpoint.STEP);
		if (step == null) {
			listener.warning(file.getFileName() +
				" does not record how long it was trained: training starts from its weights at step 0.");
			return 0;
		}
		try {
			int value = Integer.parseInt(step);
			if (value < 0) throw new NumberFormatException();
			return value;
		}
		catch (NumberFormatException e) {
			throw new CheckpointException(file + " records step '" + step +
				"', which is not a step count: it was not written by" +
				" this trainer. Resume from one of its checkpoints.");
		}
	}

	/**
	 * A resumed training with other settings goes on, but the user should know
	 * its batches differ.
	 */
	private static void warnAboutChanges(Map<String, String> saved,
		FastTrainingSettings settings, String styleName,
		FastTrainingListener listener)
	{
		Map<String, String> now = new LinkedHashMap<>(settings.metadata());
		now.put("style_image", styleName);
		List<String> changes = new ArrayList<>();
		for (String key : List.of("style_image", "image_size", "batch_size",
			"content_weight", "style_weight", "learning_rate", "style_size", "seed"))
		{
			String before = saved.get(key);
			if (before != null && !before.equals(now.get(key))) changes.add(key +
				" " + before + " → " + now.get(key));
		}
		if (!changes.isEmpty()) listener.warning(
			"Resuming with other settings than the checkpoint was trained with: " +
				String.join(", ", changes) + ".");
	}

	private void writeCheckpoint(Adam adam, Path checkpoint, int step, int total,
		TrainingImages images, String styleName, FastTrainingSettings settings,
		FastTrainingListener listener) throws IOException
	{
		// The optimizer file first: a crash between the two leaves weights whose
		// step the moments do not match, which resuming detects, never moments
		// paired with older weights that look current.
		Adam.State state = adam.state();
		TransformerWeights weights = weights(adam, step, total, images, styleName,
			settings, "checkpoint");
		save(() -> {
			TrainingCheckpoint.writeOptimizer(TrainingCheckpoint.optimizerFile(
				checkpoint), state, step);
			weights.write(checkpoint);
		});
		listener.checkpointed(step, checkpoint);
	}

	private TransformerWeights weights(Adam adam, int step, int total,
		TrainingImages images, String styleName, FastTrainingSettings settings,
		String status)
	{
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("model", "pytorch/examples fast_neural_style TransformerNet");
		metadata.put("trained_by", "neural-style");
		metadata.put("style_image", styleName);
		metadata.put(TrainingCheckpoint.STEP, Integer.toString(step));
		metadata.put("total_steps", Integer.toString(total));
		metadata.put("status", status);
		metadata.put("training_images", Integer.toString(images.size()));
		metadata.put("loss_network", lossNetwork);
		metadata.putAll(settings.metadata());
		return TransformerWeights.of(adam.parameters().toFloatArray()).withMetadata(
			metadata);
	}

	/**
	 * Native arrays alive under this trainer (loss network, style targets,
	 * weights, Adam): for leak tests.
	 */
	int liveArrays() {
		return manager.getManagedArrays().size();
	}

	@Override
	public void close() {
		vgg.close();
		manager.close();
	}

	/** Writing a file, which may fail. */
	@FunctionalInterface
	private interface Save {

		void run() throws IOException;
	}

	/**
	 * Writes files on a thread of their own and waits for it without giving up on
	 * an interrupt. Fiji cancels a command by interrupting its thread, and a file
	 * channel used by an interrupted thread closes at once: the model the user
	 * stopped the training to keep would be lost.
	 */
	private static void save(Save save) throws IOException {
		try {
			CompletableFuture.runAsync(() -> {
				try {
					save.run();
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}, Writer.THREAD).join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
			throw e;
		}
	}

	/**
	 * The one thread that writes models and checkpoints, made when first needed.
	 */
	private static final class Writer {

		static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
			runnable -> {
				Thread thread = new Thread(runnable, "fast model writer");
				thread.setDaemon(true);
				return thread;
			});
	}

	/**
	 * Ends a step whose loss is not finite, before Adam takes it into its
	 * moments.
	 */
	private static final class Diverged extends RuntimeException {

		Diverged() {
			super(null, null, false, false);
		}
	}

	/** One training's steps: the loss and gradient of each batch. */
	private final class Loop {

		private final PerceptualLoss loss;
		private final FastTrainingListener listener;
		private final BatchLoader batches;

		Loop(BatchLoader batches, PerceptualLoss loss,
			FastTrainingListener listener)
		{
			this.batches = batches;
			this.loss = loss;
			this.listener = listener;
		}

		/**
		 * Step {@code step} (0-based): one Adam update; returns its content and
		 * style losses.
		 */
		Losses step(Adam adam, int step) throws IOException {
			BatchLoader.Batch batch = batches.get(step);
			for (String warning : batch.warnings())
				listener.warning(warning);
			adam.step(parameters -> evaluate(parameters, batch.pixels(), batch
				.shape()));
			return lastLosses;
		}

		/** The losses of the last evaluation (Adam evaluates once per step). */
		private Losses lastLosses;

		private Evaluation evaluate(NDArray parameters, float[] pixels,
			Shape shape)
		{
			try (NDManager scope = NDManager.subManagerOf(parameters)) {
				scope.tempAttachAll(parameters);
				// A fresh leaf each step: gradients never accumulate across steps.
				NDArray leaf = parameters.duplicate();
				leaf.setRequiresGradient(true);
				NDArray content = scope.create(pixels, shape);
				try (GradientCollector collector = Engine.getInstance()
					.newGradientCollector();
						TransformerNet net = TransformerNet.over(views(leaf)))
				{
					PerceptualLoss.Terms terms = loss.terms(net.forward(content),
						content);
					Losses losses = new Losses(terms.content().getFloat(), terms.style()
						.getFloat());
					if (!losses.finite()) throw new Diverged();
					collector.backward(terms.total());
					NDArray gradient = leaf.getGradient();
					// A gradient too large for float32 would poison Adam's moments and
					// every later step.
					if (!Float.isFinite(gradient.abs().max().getFloat()))
						throw new Diverged();
					lastLosses = losses;
					return new Evaluation(losses.content() + losses.style(), gradient
						.duplicate());
				}
			}
		}
	}

	/** The weighted content and style losses of one step, before its update. */
	record Losses(float content, float style) {

		boolean finite() {
			return Float.isFinite(content) && Float.isFinite(style) && Float.isFinite(
				content + style);
		}
	}

	/**
	 * Each tensor of the network as a view into the flat leaf. Made while the
	 * gradient collector records: views made outside it would not pass gradients
	 * back to the leaf.
	 */
	private static Map<String, NDArray> views(NDArray leaf) {
		Map<String, NDArray> views = new LinkedHashMap<>();
		for (Map.Entry<String, Shape> tensor : TransformerNetLayout
			.parameterShapes().entrySet())
		{
			long[] range = TransformerWeights.range(tensor.getKey());
			views.put(tensor.getKey(), leaf.get(new NDIndex().addSliceDim(range[0],
				range[1])).reshape(tensor.getValue()));
		}
		return views;
	}
}
