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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import ai.djl.ndarray.types.Shape;

import org.neuralstyle.fast.train.FastTrainer;
import org.neuralstyle.fast.train.FastTrainingListener;
import org.neuralstyle.fast.train.FastTrainingSettings;
import org.neuralstyle.fast.train.TrainingImages;
import org.neuralstyle.fast.train.TrainingStep;
import org.neuralstyle.fast.TransformerNetLayout;
import org.neuralstyle.net.SyntheticVgg;
import org.neuralstyle.progress.TimeLeft;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench train}: seconds per training step of a fast model on a random
 * network of VGG16's shapes and generated pictures, and what that makes of the
 * pytorch/examples recipe (2 epochs of COCO train2014 at batch 4).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
	description = "Seconds per fast-model training step (random VGG16 of real shapes), and the time of 2 epochs of COCO.")
final class BenchTrainCommand implements Callable<Integer> {

	/**
	 * Pictures in COCO train2014, which pytorch/examples trains its published
	 * models on.
	 */
	static final int COCO_TRAIN2014 = 82_783;

	@Option(names = "--image-size", defaultValue = "256",
		description = "Default: ${DEFAULT-VALUE}.")
	int imageSize;

	@Option(names = "--batch-size", defaultValue = "4",
		description = "Default: ${DEFAULT-VALUE}.")
	int batchSize;

	@Option(names = "--steps", defaultValue = "4",
		description = "Steps to time after a first, untimed one (default: ${DEFAULT-VALUE}).")
	int steps;

	@Mixin
	DeviceOption device;

	@Mixin
	ProfileOption profiling;

	@Override
	public Integer call() throws Exception {
		if (steps < 1) throw new IllegalArgumentException(
			"--steps must be at least 1");
		Device dev = device.parse();
		double gflops = BenchCommand.gemmThroughput(dev, 2048);
		System.out.printf(Locale.ROOT,
			"device %s; GEMM 2048x2048 float32: %.1f GFLOP/s%n", dev, gflops);
		System.out.println(BenchCommand.setup());
		double gemmPerCpuSecond = profiling.profile ? BenchCommand
			.gemmFlopsPerCpuSecond(dev, 2048) : Double.NaN;
		FastTrainingSettings s = new FastTrainingSettings();
		s.imageSize = imageSize;
		s.batchSize = batchSize;
		s.steps = steps + 1;
		Path folder = Files.createTempDirectory("bench-train");
		try {
			for (int i = 0; i < batchSize; i++)
				ImageFiles.write(BenchCommand.noise(imageSize + 64, imageSize, i),
					folder.resolve("picture" + i + ".png"));
			TrainingImages pictures = TrainingImages.in(folder, ImageFiles::read);
			StepTimer timer = new StepTimer(profiling.profile);
			try (SyntheticVgg vgg = new SyntheticVgg(SyntheticVgg.VGG16, 1);
					FastTrainer trainer = new FastTrainer(vgg, dev))
			{
				trainer.train(pictures, BenchCommand.noise(imageSize, imageSize, 99),
					"noise", s, folder.resolve("model.safetensors"), null, timer);
				double perStep = timer.clock.secondsPerStep();
				double flops = stepFlops(Vgg.layout(vgg), imageSize, batchSize);
				gflops = BenchCommand.bestGemm(dev, gflops);
				double floor = flops / (gflops * 1e9);
				System.out.printf(Locale.ROOT,
					"train %dx%d batch %d: %.2f s/step, %.0f GFLOP/step, floor %.2f s (FLOPs / GEMM throughput), ratio %.2fx%n",
					imageSize, imageSize, batchSize, perStep, flops / 1e9, floor,
					perStep / floor);
				int cocoSteps = 2 * ((COCO_TRAIN2014 + batchSize - 1) / batchSize);
				System.out.printf(Locale.ROOT,
					"2 epochs of COCO train2014 (%d pictures) = %d steps: %s at this speed%n",
					COCO_TRAIN2014, cocoSteps, TimeLeft.words(perStep * cocoSteps));
				if (profiling.profile) System.out.print("  " + BenchCommand.cpuRatio(
					timer.clock.cpuSecondsPerStep(), flops, gemmPerCpuSecond, "step") +
					System.lineSeparator() + timer.clock.profileLines());
			}
		}
		finally {
			try (Stream<Path> files = Files.walk(folder)) {
				for (Path p : files.sorted(Comparator.reverseOrder()).toList())
					Files.deleteIfExists(p);
			}
		}
		return 0;
	}

	/**
	 * FLOPs of one step: the transformation network forward and backward (input
	 * and weight gradients: about three forwards), the VGG forward on the outputs
	 * to relu4_3 and backward to them (input gradients only: about two forwards),
	 * the VGG forward on the inputs to relu2_2. Gram matrices, norms and the
	 * optimizer are small next to these and left out.
	 */
	static double stepFlops(List<VggLayer> vgg, int size, int batch) {
		double transformer = transformerForwardFlops(size);
		double styled = Vgg.forwardFlops(vgg, "relu4_3", size, size);
		double content = Vgg.forwardFlops(vgg, FastTrainingSettings.CONTENT_LAYER,
			size, size);
		return batch * (3 * transformer + 2 * styled + content);
	}

	/**
	 * FLOPs of the transformation network's convolutions on one size×size
	 * picture.
	 */
	static double transformerForwardFlops(int size) {
		double flops = 0;
		for (Map.Entry<String, Shape> tensor : TransformerNetLayout
			.parameterShapes().entrySet())
		{
			String name = tensor.getKey();
			if (!name.endsWith(".conv2d.weight")) continue;
			Shape w = tensor.getValue();
			// Output side of each convolution: full size at the ends, halved by
			// conv2, quartered from conv3 to deconv1's input.
			double side = name.startsWith("conv1.") || name.startsWith("deconv2.") ||
				name.startsWith("deconv3.") ? size : name.startsWith("conv2.") || name
					.startsWith("deconv1.") ? size / 2.0 : size / 4.0;
			flops += 2 * side * side * w.get(0) * w.get(1) * w.get(2) * w.get(3);
		}
		return flops;
	}

	/**
	 * Prints each step's losses and times the steps after the first, which
	 * includes one-time set-up; with a profile, records the second step and the
	 * process's CPU time over the timed ones.
	 */
	private static final class StepTimer implements FastTrainingListener {

		final StepClock clock;

		StepTimer(boolean profile) {
			clock = new StepClock("step", profile, 1, false);
		}

		@Override
		public void stepped(TrainingStep step) {
			clock.tick();
			System.out.printf(Locale.ROOT, "  step %d/%d content %.4g style %.4g%n",
				step.step(), step.steps(), step.content(), step.style());
		}
	}
}
