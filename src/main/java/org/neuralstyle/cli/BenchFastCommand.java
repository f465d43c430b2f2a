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
import java.util.concurrent.Callable;

import org.neuralstyle.fast.FastStylizer;
import org.neuralstyle.fast.TransformerNet;
import org.neuralstyle.fast.TransformerNetLayout;
import org.neuralstyle.fast.TransformerWeights;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.checkpoint.StateDict;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench fast}: images per second of the transformation network, against
 * the FLOP floor (FLOPs ÷ the GEMM throughput measured in the same run). Random
 * weights of the real shapes: the speed does not depend on the values.
 */
@Command(name = "fast", mixinStandardHelpOptions = true,
	description = "Images per second of a fast style model (random weights of the real shapes).")
final class BenchFastCommand implements Callable<Integer> {

	@Option(names = { "--size", "--sizes" }, split = ",",
		defaultValue = "512,1024",
		description = "Image sizes (square). Peak memory is the process's: give one size per run to read it per size.")
	List<Integer> sizes;

	@Option(names = "--repeat", defaultValue = "3",
		description = "Timed runs per size (after one warm-up).")
	int repeat;

	@Mixin
	DeviceOption device;

	@Mixin
	PrecisionOption precision;

	@Option(names = "--compare-fp32",
		description = "Stylize once more in fp32 and print the PSNR of this precision's image against fp32's.")
	boolean compareFp32;

	@Mixin
	ProfileOption profiling;

	@Override
	public Integer call() throws Exception {
		Device dev = device.parse();
		double gflops = BenchCommand.gemmThroughput(dev, 2048);
		System.out.printf(Locale.ROOT,
			"device %s; GEMM 2048x2048 float32: %.1f GFLOP/s%n", dev, gflops);
		System.out.println(BenchCommand.setup());
		double gemmPerCpuSecond = profiling.profile ? BenchCommand
			.gemmFlopsPerCpuSecond(dev, 2048) : Double.NaN;
		try (StateDict weights = TransformerWeights.pytorchDefault(1);
				TransformerNet net = TransformerNet.load(weights, dev))
		{
			ai.djl.ndarray.types.DataType convolutions = precision.parse()
				.convolutions(dev);
			net.convolutionsIn(convolutions);
			System.out.println("precision " + precision.precision +
				": convolutions in " + convolutions);
			for (int size : sizes) {
				// One tile of the whole image: the network's own speed, no tiling
				// overhead.
				FastStylizer stylizer = new FastStylizer(net, FastStylizer.ONE_PIECE);
				RgbImage img = BenchCommand.noise(size, size, size);
				RgbImage result = stylizer.stylize(img);
				ProcessTimes before = ProcessTimes.now();
				long t0 = System.nanoTime();
				for (int i = 0; i < repeat; i++)
					stylizer.stylize(img);
				double seconds = (System.nanoTime() - t0) / 1e9 / repeat;
				String cpu = ProcessTimes.since(before, repeat, "image");
				double cpuSeconds = ProcessTimes.cpuSecondsSince(before) / repeat;
				double flops = forwardFlops(size, size);
				gflops = BenchCommand.bestGemm(dev, gflops);
				double floor = flops / (gflops * 1e9);
				System.out.printf(Locale.ROOT,
					"fast %dx%d: %.2f images/s (%.3f s/image), %.1f GFLOP/image, floor %.3f s, ratio %.2fx, peak resident memory %s%n",
					size, size, 1 / seconds, seconds, flops / 1e9, floor, seconds / floor,
					BenchCommand.peakResidentMemory());
				if (compareFp32) {
					net.convolutionsIn(ai.djl.ndarray.types.DataType.FLOAT32);
					RgbImage reference = stylizer.stylize(img);
					net.convolutionsIn(convolutions);
					System.out.printf(Locale.ROOT, "  %s against fp32: PSNR %.1f dB%n",
						precision.precision, BenchCommand.psnr(result, reference));
				}
				if (profiling.profile) {
					System.out.println("  " + BenchCommand.cpuRatio(cpuSeconds, flops,
						gemmPerCpuSecond, "image"));
					System.out.println("  " + cpu);
					NativeProfile recording = NativeProfile.start();
					stylizer.stylize(img);
					System.out.print(recording.stop().lines("  ", "image"));
				}
			}
		}
		return 0;
	}

	/**
	 * FLOPs of one forward pass at H×W: the convolutions (2·out·in·k² per output
	 * pixel) at their resolutions — full, 1/2 and 1/4 on the way down, 1/4
	 * through the residual blocks, back up to full. Normalization, padding and
	 * upsampling are memory-bound and left out of the floor.
	 */
	static double forwardFlops(int height, int width) {
		double full = (double) height * width, half = full / 4, quarter = full / 16;
		double f = 0;
		f += conv(3, 32, 9) * full; // conv1
		f += conv(32, 64, 3) * half; // conv2, stride 2
		f += conv(64, 128, 3) * quarter; // conv3, stride 2
		f += 2 * TransformerNetLayout.RESIDUAL_BLOCKS * conv(128, 128, 3) * quarter;
		f += conv(128, 64, 3) * half; // deconv1 after ×2 upsampling
		f += conv(64, 32, 3) * full; // deconv2 after ×2 upsampling
		f += conv(32, 3, 9) * full; // deconv3
		return f;
	}

	private static double conv(int in, int out, int k) {
		return 2.0 * in * out * k * k;
	}

}
