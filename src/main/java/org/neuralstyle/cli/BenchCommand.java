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
import org.neuralstyle.net.SyntheticVgg;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;
import org.neuralstyle.optimize.GatysStylizer;
import org.neuralstyle.optimize.LossValues;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.StylizationListener;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: speed figures, measured against the machine's own matrix-multiply throughput so
 * that they say how close to the hardware's floor the engine runs. Needs no weights file.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Print speed figures.",
	subcommands = {BenchCommand.Optimize.class, BenchFastCommand.class, BenchTrainCommand.class})
final class BenchCommand {

	/** GFLOP/s of a float32 n×n matrix product on the device, best of several runs. */
	static double gemmThroughput(Device device, int n) {
		try (NDManager m = NDManager.newBaseManager(device)) {
			NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
			NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
			double best = Double.MAX_VALUE;
			for (int i = 0; i < 6; i++) {
				try (NDManager scope = m.newSubManager()) {
					a.tempAttach(scope);
					long t0 = System.nanoTime();
					NDArray c = a.matMul(b);
					c.getFloat(0, 0); // wait for the device
					double t = (System.nanoTime() - t0) / 1e9;
					if (i > 0) best = Math.min(best, t);
				}
			}
			return 2.0 * n * n * n / best / 1e9;
		}
	}

	@Command(name = "optimize", mixinStandardHelpOptions = true,
		description = "Seconds per iteration of the default optimization on a random network of VGG19's shapes.")
	static final class Optimize implements Callable<Integer> {

		@Option(names = "--sizes", split = ",", defaultValue = "256,512", description = "Image sizes (square).")
		List<Integer> sizes;

		@Option(names = "--iterations", defaultValue = "20", description = "Iterations to time per size (L-BFGS runs whole steps of 20).")
		int iterations;

		@Option(names = "--device", defaultValue = "auto")
		String device;

		@Override
		public Integer call() throws Exception {
			Device dev = Devices.parse(device);
			double gflops = gemmThroughput(dev, 2048);
			System.out.printf(Locale.ROOT, "device %s; GEMM 2048x2048 float32: %.1f GFLOP/s%n", dev, gflops);
			StyleTransferSettings s = new StyleTransferSettings();
			s.iterations = iterations;
			try (SyntheticVgg sd = new SyntheticVgg(SyntheticVgg.VGG19, 1); GatysStylizer stylizer = new GatysStylizer(sd, dev)) {
				for (int size : sizes) {
					s.maxSize = size;
					Timer timer = new Timer();
					stylizer.run(noise(size, 1), List.of(new GatysStylizer.Style(noise(size, 2), 1)), s, timer);
					double perIteration = timer.secondsPerIteration();
					double flops = iterationFlops(stylizer.layout(), s, size, size);
					double floor = flops / (gflops * 1e9);
					System.out.printf(Locale.ROOT,
						"optimize %dx%d: %.3f s/iteration, %.1f GFLOP/iteration, floor %.3f s (FLOPs / GEMM throughput), ratio %.2fx%n",
						size, size, perIteration, flops / 1e9, floor, perIteration / floor);
				}
			}
			return 0;
		}

		private static RgbImage noise(int size, long seed) {
			Random r = new Random(seed);
			float[] p = new float[3 * size * size];
			for (int i = 0; i < p.length; i++) p[i] = r.nextFloat();
			return new RgbImage(size, size, p);
		}
	}

	/**
	 * FLOPs of one evaluation: the forward pass to the deepest loss layer, the backward pass to the
	 * image (input gradients only, about the forward's cost; no weight gradients), and the Gram
	 * matrices of the style layers with their gradients.
	 */
	static double iterationFlops(List<VggLayer> layout, StyleTransferSettings s, int h, int w) {
		java.util.Set<String> layers = new java.util.LinkedHashSet<>(s.contentLayers.keySet());
		layers.addAll(s.styleLayers.keySet());
		double conv = Vgg.forwardFlops(layout, Vgg.deepest(layout, layers), h, w);
		double gram = 0;
		long hh = h, ww = w;
		for (VggLayer l : layout) {
			if (s.styleLayers.containsKey(l.name())) gram += 2.0 * l.outChannels() * l.outChannels() * hh * ww;
			if (l.kind() == VggLayer.Kind.POOL) {
				hh /= 2;
				ww /= 2;
			}
		}
		return 2 * conv + 3 * gram;
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
			// From the end of the first evaluation to the end of the last one; the final call
			// reports the closing loss (a forward pass only) and is left out.
			return (previous - first) / 1e9 / Math.max(1, count - 2);
		}
	}
}
