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

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.Devices;
import org.neuralstyle.net.SyntheticVgg;
import org.neuralstyle.optimize.GatysStylizer;
import org.neuralstyle.optimize.LossValues;
import org.neuralstyle.optimize.RunEstimate;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.StylizationListener;
import org.neuralstyle.optim.OptimizerKind;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: speed figures, measured against the machine's own
 * matrix-multiply throughput so that they say how close to the hardware's floor
 * the engine runs. Needs no weights file.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
	description = "Print speed figures.", subcommands = {
		BenchCommand.Optimize.class, BenchFastCommand.class,
		BenchTrainCommand.class })
final class BenchCommand {

	/**
	 * GFLOP/s of a float32 n×n matrix product on the device, best of several
	 * runs.
	 */
	static double gemmThroughput(Device device, int n) {
		return RunEstimate.gemmThroughput(device, n);
	}

	/**
	 * The process's peak resident memory so far, VmHWM from /proc/self/status;
	 * "unknown" where there is no such file (any system but Linux).
	 */
	static String peakResidentMemory() {
		try {
			for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(
				"/proc/self/status")))
				if (line.startsWith("VmHWM:")) {
					long kb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
					return String.format(Locale.ROOT, "%.2f GB", kb / 1048576.0);
				}
		}
		catch (java.io.IOException | RuntimeException e) {
			// Not Linux, or a format we do not know: say so rather than guess.
		}
		return "unknown";
	}

	@Command(name = "optimize", mixinStandardHelpOptions = true,
		description = "Seconds per iteration of the default optimization on a random network of VGG19's shapes.")
	static final class Optimize implements Callable<Integer> {

		@Option(names = { "--size", "--sizes" }, split = ",",
			defaultValue = "256,512",
			description = "Image sizes (square). Peak memory is the process's: give one size per run to read it per size.")
		List<Integer> sizes;

		@Option(names = "--iterations", defaultValue = "20",
			description = "Iterations to time per size (L-BFGS runs whole steps of 20).")
		int iterations;

		@Option(names = "--optimizer", defaultValue = "lbfgs",
			description = "lbfgs or adam. Adam makes exactly the iterations asked for: use it to time few iterations of a large image.")
		String optimizer;

		@Option(names = "--device", defaultValue = "auto")
		String device;

		@Override
		public Integer call() throws Exception {
			Device dev = Devices.parse(device);
			double gflops = gemmThroughput(dev, 2048);
			System.out.printf(Locale.ROOT,
				"device %s; GEMM 2048x2048 float32: %.1f GFLOP/s%n", dev, gflops);
			StyleTransferSettings s = new StyleTransferSettings();
			s.iterations = iterations;
			s.optimizer = OptimizerKind.fromName(optimizer);
			try (SyntheticVgg sd = new SyntheticVgg(SyntheticVgg.VGG19, 1);
					GatysStylizer stylizer = new GatysStylizer(sd, dev))
			{
				for (int size : sizes) {
					s.maxSize = size;
					Timer timer = new Timer();
					// Tiles as a run would choose them (automatic: only when the image
					// does not fit).
					RunEstimate estimate = RunEstimate.of(stylizer.layout(), s, size,
						size, true, 2 * Devices.availableMemory(dev), gflops);
					System.out.println(estimate.summary());
					stylizer.run(noise(size, 1), List.of(new GatysStylizer.Style(noise(
						size, 2), 1)), s, timer);
					double perIteration = timer.secondsPerIteration();
					// The floor is the untiled image's: the tiles' overlapping halos
					// count against the engine.
					double flops = RunEstimate.evaluationFlops(stylizer.layout(), s, true,
						size, size);
					double floor = flops / (gflops * 1e9);
					System.out.printf(Locale.ROOT,
						"optimize %dx%d (%s): %.3f s/iteration, %.1f GFLOP/iteration, floor %.3f s (FLOPs / GEMM throughput), ratio %.2fx, peak resident memory %s%n",
						size, size, estimate.tile() == 0 ? "untiled" : estimate.tiles() +
							" tiles of " + estimate.tile() + " px", perIteration, flops / 1e9,
						floor, perIteration / floor, peakResidentMemory());
				}
			}
			return 0;
		}

		private static RgbImage noise(int size, long seed) {
			Random r = new Random(seed);
			float[] p = new float[3 * size * size];
			for (int i = 0; i < p.length; i++)
				p[i] = r.nextFloat();
			return new RgbImage(size, size, p);
		}
	}

	/** Times evaluations after the first (which includes one-time set-up). */
	private static final class Timer implements StylizationListener {

		private long first;
		private long previous;
		private long last;
		private int count;

		@Override
		public void iteration(int iteration, LossValues losses) {
			long now = System.nanoTime();
			if (count == 0) first = now;
			previous = last;
			last = now;
			count++;
		}

		double secondsPerIteration() {
			// From the end of the first evaluation to the end of the last one; the
			// final call
			// reports the closing loss (a forward pass only) and is left out.
			return (previous - first) / 1e9 / Math.max(1, count - 2);
		}
	}
}
