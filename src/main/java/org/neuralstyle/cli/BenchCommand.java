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
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.Devices;
import org.neuralstyle.net.Precision;
import org.neuralstyle.net.SyntheticVgg;
import org.neuralstyle.optimize.GatysStylizer;
import org.neuralstyle.optimize.LossValues;
import org.neuralstyle.optimize.RunEstimate;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.StylizationResult;
import org.neuralstyle.optimize.StylizationListener;
import org.neuralstyle.optim.OptimizerKind;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
	 * How libtorch runs here: its thread counts and how it gets memory, printed
	 * with every bench so that figures can be told apart.
	 */
	static String setup() {
		return String.format(Locale.ROOT,
			"libtorch threads: %d intra-op, %d inter-op; memory: %s; %s",
			ai.djl.pytorch.jni.JniUtils.getNumThreads(), ai.djl.pytorch.jni.JniUtils
				.getNumInteropThreads(), org.neuralstyle.tensor.NativeMemory.prepare(),
			org.neuralstyle.tensor.MainArena.describe());
	}

	/**
	 * FLOPs per CPU second (user and system, all threads) of float32 n×n matrix
	 * products on the CPU: the floor in CPU time rather than wall time. On a
	 * machine shared with other work, wall times stretch with the load while CPU
	 * times hardly do, so the ratio of CPU times is the figure to compare across
	 * runs there. NaN without /proc.
	 */
	/**
	 * The GEMM throughput measured again after the timed work, or the one before
	 * if that was higher: the floor is the hardware's, and a single measurement
	 * can come out at half of it (on the 2-core development machine: about 80 or
	 * 160 GFLOP/s from one run to the next, while the seconds of the runs
	 * themselves did not halve). Prints the second figure when it is the higher.
	 */
	static double bestGemm(Device device, double before) {
		double after = gemmThroughput(device, 2048);
		if (after > before) System.out.printf(Locale.ROOT,
			"  GEMM measured again after the run: %.1f GFLOP/s; the floor uses it%n",
			after);
		return Math.max(before, after);
	}

	static double gemmFlopsPerCpuSecond(Device device, int n) {
		try (NDManager m = NDManager.newBaseManager(device)) {
			NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
			NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
			a.matMul(b).close(); // warm-up
			int runs = 4;
			ProcessTimes start = ProcessTimes.now();
			for (int i = 0; i < runs; i++)
				try (NDArray c = a.matMul(b)) {
					c.getFloat(0, 0);
				}
			return runs * 2.0 * n * n * n / ProcessTimes.cpuSecondsSince(start);
		}
	}

	/**
	 * The line that compares CPU time with the GEMM's CPU time, for work of
	 * {@code flops} that took {@code cpuSeconds} of CPU time.
	 */
	static String cpuRatio(double cpuSeconds, double flops,
		double gemmFlopsPerCpuSecond, String unit)
	{
		double floor = flops / gemmFlopsPerCpuSecond;
		return String.format(Locale.ROOT,
			"CPU time %.3f s/%s, floor %.3f CPU s (FLOPs / GEMM FLOPs per CPU second, %.1f GFLOP per CPU s), CPU-time ratio %.2fx",
			cpuSeconds, unit, floor, gemmFlopsPerCpuSecond / 1e9, cpuSeconds / floor);
	}

	/**
	 * Peak signal-to-noise ratio of {@code a} against {@code b}, in dB, for
	 * values in [0, 1]; infinite when they are equal.
	 */
	static double psnr(RgbImage a, RgbImage b) {
		float[] x = a.planes(), y = b.planes();
		double sum = 0;
		for (int i = 0; i < x.length; i++) {
			double d = Math.min(1, Math.max(0, x[i])) - Math.min(1, Math.max(0,
				y[i]));
			sum += d * d;
		}
		return 10 * Math.log10(1 / (sum / x.length));
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

		@Mixin
		DeviceOption device;

		@Mixin
		PrecisionOption precision;

		@Option(names = "--compare-fp32",
			description = "Run each size again in fp32 and print the PSNR of the result against fp32's: the quality cost of a reduced precision.")
		boolean compareFp32;

		@Mixin
		ProfileOption profiling;

		@Override
		public Integer call() throws Exception {
			Device dev = device.parse();
			double gflops = gemmThroughput(dev, 2048);
			System.out.printf(Locale.ROOT,
				"device %s; GEMM 2048x2048 float32: %.1f GFLOP/s%n", dev, gflops);
			System.out.println(BenchCommand.setup());
			double gemmPerCpuSecond = profiling.profile ? gemmFlopsPerCpuSecond(dev,
				2048) : Double.NaN;
			StyleTransferSettings s = new StyleTransferSettings();
			s.iterations = iterations;
			s.optimizer = OptimizerKind.fromName(optimizer);
			s.precision = precision.parse();
			System.out.println("precision " + s.precision + ": convolutions in " +
				s.precision.convolutions(dev));
			try (SyntheticVgg sd = new SyntheticVgg(SyntheticVgg.VGG19, 1);
					GatysStylizer stylizer = new GatysStylizer(sd, dev))
			{
				for (int size : sizes) {
					s.maxSize = size;
					IterationClock timer = new IterationClock(profiling.profile);
					// Tiles as a run would choose them (automatic: only when the image
					// does not fit).
					RunEstimate estimate = RunEstimate.of(stylizer.layout(), s, size,
						size, true, 2 * Devices.availableMemory(dev), gflops);
					System.out.println(estimate.summary());
					StylizationResult run = stylizer.run(noise(size, 1), List.of(
						new GatysStylizer.Style(noise(size, 2), 1)), s, timer);
					RgbImage result = run.image();
					// A diverged run keeps its start: say so, or its figures mislead.
					if (run.outcome() == StylizationResult.Outcome.DIVERGED) System.out
						.println("  " + run.message());
					double perIteration = timer.clock.secondsPerStep();
					// The floor is the untiled image's: the tiles' overlapping halos
					// count against the engine.
					double flops = RunEstimate.evaluationFlops(stylizer.layout(), s, true,
						size, size);
					gflops = bestGemm(dev, gflops);
					double floor = flops / (gflops * 1e9);
					System.out.printf(Locale.ROOT,
						"optimize %dx%d (%s): %.3f s/iteration, %.1f GFLOP/iteration, floor %.3f s (FLOPs / GEMM throughput), ratio %.2fx, peak resident memory %s%n",
						size, size, estimate.tile() == 0 ? "untiled" : estimate.tiles() +
							" tiles of " + estimate.tile() + " px", perIteration, flops / 1e9,
						floor, perIteration / floor, peakResidentMemory());
					if (compareFp32) {
						StyleTransferSettings full = new StyleTransferSettings();
						full.iterations = iterations;
						full.maxSize = size;
						full.precision = Precision.FP32;
						StylizationResult fp32 = stylizer.run(noise(size, 1), List.of(
							new GatysStylizer.Style(noise(size, 2), 1)), full,
							new IterationClock(false));
						RgbImage reference = fp32.image();
						System.out.printf(Locale.ROOT,
							"  final losses: %s %.6g, fp32 %.6g%n", s.precision, run.losses()
								.total(), fp32.losses().total());
						System.out.printf(Locale.ROOT,
							"  after %d iterations, %s against fp32: PSNR %.1f dB%n",
							iterations, s.precision, psnr(result, reference));
					}
					if (profiling.profile) System.out.print("  " + cpuRatio(timer.clock
						.cpuSecondsPerStep(), flops, gemmPerCpuSecond, "iteration") + System
							.lineSeparator() + timer.clock.profileLines());
				}
			}
			return 0;
		}

		private static RgbImage noise(int size, long seed) {
			return BenchCommand.noise(size, size, seed);
		}
	}

	/**
	 * Times evaluations after the first (which includes one-time set-up); with a
	 * profile, records the third iteration (one evaluation and the optimizer's
	 * work up to the next, past the second's warm-up) and the process's CPU time
	 * over the timed ones.
	 */
	private static final class IterationClock implements StylizationListener {

		final StepClock clock;

		IterationClock(boolean profile) {
			clock = new StepClock("iteration", profile, 2, true);
		}

		@Override
		public void iteration(int iteration, LossValues losses) {
			clock.tick();
		}
	}

	/**
	 * Pixels in [0, 1) from a seeded generator: the speed does not depend on
	 * them.
	 */
	static RgbImage noise(int width, int height, long seed) {
		Random r = new Random(seed);
		float[] p = new float[3 * width * height];
		for (int i = 0; i < p.length; i++)
			p[i] = r.nextFloat();
		return new RgbImage(width, height, p);
	}
}
