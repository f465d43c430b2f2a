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

package org.neuralstyle.optimize.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.optimize.GatysStylizer;
import org.neuralstyle.optimize.LossValues;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.StylizationListener;
import org.neuralstyle.optimize.StylizationResult;

/**
 * Each preset against its PyTorch reference (src/test/python/presets/, written
 * from its seed; make_preset_fixtures.py ran them on tiny random VGGs): the
 * losses of iteration 0, the number of evaluations, and the image after a short
 * run.
 */
class PresetParityTest {

	static final Path DIR = Path.of("src/test/resources/fixtures/presets");

	/**
	 * Relative tolerance of the iteration-0 losses (the 1e-4). The
	 * images' PSNR bound is 80 dB, 60 dB for gatys2016; measured ({@code mvn -o
	 * test -Dtest=PresetParityTest}, AMD EPYC): yunjey 161 dB, keras-vgg16 137
	 * dB, gatys2016 73.5 dB, every evaluation count equal to PyTorch's. The Gram
	 * matrix's backward pass is one product, 2·(∂L/∂G)·F, where PyTorch's
	 * autograd adds two ({@link org.neuralstyle.loss.GramMatrix#product}): the
	 * same gradient up to rounding, which 20 strong-Wolfe L-BFGS steps on
	 * unnormalized Gram matrices (gatys2016) carry from 114 dB down to 73.5 dB.
	 */
	private static final double ITERATION_0 = 1e-4;

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "yunjey, tiny_vgg19.pth, 10, 80",
		"keras-vgg16, tiny_vgg16.pth, 20, 80",
		"gatys2016, tiny_vgg19.pth, 20, 60" })
	void matchesItsPyTorchReference(String preset, String network, int iterations,
		double minimumPsnr) throws Exception
	{
		try (StateDict expected = Checkpoints.open(DIR.resolve(preset + ".pth"));
				StateDict vgg = Checkpoints.open(DIR.resolve(network));
				GatysStylizer stylizer = new GatysStylizer(vgg, Device.cpu()))
		{
			RgbImage content = new RgbImage(40, 32, expected.readFloats("content"));
			RgbImage style = new RgbImage(40, 32, expected.readFloats("style"));
			float[] losses = expected.readFloats("losses");
			int evaluations = losses.length / 3;
			StyleTransferSettings s = Presets.named(preset).settings();
			s.iterations = iterations;
			s.snapshotEvery = 0;
			List<LossValues> seen = new ArrayList<>();
			StylizationResult r = stylizer.run(content, List.of(
				new GatysStylizer.Style(style, 1)), s, new StylizationListener()
			{

					@Override
					public void iteration(int iteration, LossValues l) {
						seen.add(l);
					}
				});
			LossValues first = seen.get(0);
			double[] ours = { first.content(), first.style(), first.tv() };
			double psnr = psnr(expected.readFloats("result"), r.image().planes());
			System.out.printf(
				"%s: iteration 0 content %s style %s tv %s (PyTorch %s %s %s); %d evaluations (PyTorch %d); PSNR %.1f dB%n",
				preset, ours[0], ours[1], ours[2], losses[0], losses[1], losses[2], seen
					.size() - 1, evaluations, psnr);
			String[] what = { "content", "style", "tv" };
			for (int k = 0; k < 3; k++) {
				double want = losses[k];
				assertEquals(want, ours[k], Math.abs(want) * ITERATION_0, preset +
					": " + what[k] + " loss at iteration 0");
			}
			assertEquals(evaluations + 1, seen.size(),
				"PyTorch's evaluations, then the final image's losses");
			assertTrue(psnr >= minimumPsnr, preset + ": the image after " +
				evaluations + " evaluations is " + psnr + " dB from PyTorch's");
		}
	}

	/**
	 * The pytorch-tutorial preset is the tutorial: the tutorial's fixture
	 * (make_parity_fixtures.py), run with the preset's settings.
	 */
	@Test
	void pytorchTutorialIsTheTutorial() throws Exception {
		Path dir = Path.of("src/test/resources/fixtures/parity");
		try (StateDict expected = Checkpoints.open(dir.resolve("parity.pth"));
				StateDict vgg = Checkpoints.open(dir.resolve("tiny_vgg.pth"));
				GatysStylizer stylizer = new GatysStylizer(vgg, Device.cpu()))
		{
			StyleTransferSettings s = Presets.named(Presets.PYTORCH_TUTORIAL)
				.settings();
			s.iterations = 20;
			List<LossValues> seen = new ArrayList<>();
			StylizationResult r = stylizer.run(new RgbImage(32, 24, expected
				.readFloats("content")), List.of(new GatysStylizer.Style(new RgbImage(
					32, 30, expected.readFloats("style")), 1)), s,
				new StylizationListener()
				{

					@Override
					public void iteration(int iteration, LossValues l) {
						seen.add(l);
					}
				});
			float want = expected.readFloats("style_losses")[0];
			assertEquals(want, seen.get(0).style(), want * ITERATION_0);
			assertEquals(21, seen.size());
			assertTrue(psnr(expected.readFloats("result"), r.image().planes()) > 60);
		}
	}

	static double psnr(float[] expected, float[] actual) {
		assertEquals(expected.length, actual.length);
		double mse = 0;
		for (int i = 0; i < expected.length; i++) {
			double d = expected[i] - actual[i];
			mse += d * d;
		}
		mse /= expected.length;
		return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
	}
}
