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
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.optimize.GatysStylizer;
import org.neuralstyle.optimize.LossValues;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.StylizationListener;
import org.neuralstyle.optimize.StylizationResult;
import org.neuralstyle.weights.ModelRegistry;

/**
 * The {@code cs231n} preset against the CS231n assignment's code run by PyTorch
 * (src/test/python/presets/cs231n.py) on a tiny random SqueezeNet 1.1.
 */
class Cs231nPresetTest {

	static final Path SQUEEZENET = Path.of(
		"src/test/resources/fixtures/squeezenet/tiny_squeezenet.pth");
	static final Path FIXTURE = Path.of(
		"src/test/resources/fixtures/presets/cs231n.pth");

	@Test
	void presetIsTheAssignmentsSystem() {
		Preset p = Presets.named("cs231n");
		assertEquals(ModelRegistry.SQUEEZENET1_1_ID, p.network());
		StyleTransferSettings s = p.settings();
		assertEquals(List.of("fire2"), List.copyOf(s.contentLayers.keySet()));
		assertEquals(List.of("relu1", "fire3", "fire4", "fire5"), List.copyOf(
			s.styleLayers.keySet()));
		assertEquals(300000f, s.styleLayers.get("relu1"));
		assertEquals(3f, s.styleLayers.get("fire5"));
		assertEquals(200, s.iterations);
		assertEquals(180, s.learningRateDecayAt);
		assertEquals(190, s.clampIterations);
		assertTrue(p.rows().stream().anyMatch(r -> r.setting().equals(
			"contentReduction") && r.source().startsWith("seed 002 line 92")));
	}

	@Test
	void thirtyIterationsMatchTheAssignmentInPyTorch() throws Exception {
		try (StateDict expected = Checkpoints.open(FIXTURE)) {
			float[] content = expected.readFloats("content_losses");
			float[] style = expected.readFloats("style_losses");
			float[] tv = expected.readFloats("tv_losses");
			Run run = run(expected, 30);
			LossValues first = run.losses.get(0);
			// Iteration 0 (after the first clamp): each term to 1e-4, relative.
			assertEquals(content[0], first.content(), 1e-4 * content[0], "content");
			assertEquals(style[0], first.style(), 1e-4 * style[0], "style");
			assertEquals(tv[0], first.tv(), 1e-4 * tv[0], "tv");
			double total = content[0] + style[0] + tv[0];
			assertEquals(total, first.total(), 1e-4 * total, "total");
			double psnr = psnr(expected.readFloats("result"), run.result.image()
				.planes());
			System.out.printf("cs231n, 30 iterations: PSNR %.1f dB; loss at 29 %.6g" +
				" (PyTorch %.6g)%n", psnr, run.losses.get(29).total(), content[29] +
					style[29] + tv[29]);
			assertTrue(psnr >= 30, "PSNR to PyTorch after 30 iterations: " + psnr);
		}
	}

	@Test
	void theWholeRunWithItsLearningRateChangeMatchesToo() throws Exception {
		try (StateDict expected = Checkpoints.open(FIXTURE)) {
			float[] totals = expected.readFloats("losses_200");
			Run run = run(expected, 200);
			// The fresh Adam at 180 and the last clamp at 189 show in the losses.
			for (int i : new int[] { 0, 179, 180, 181, 189, 190, 199 })
				System.out.printf("iteration %d: %.6g (PyTorch %.6g)%n", i, run.losses
					.get(i).total(), totals[i]);
			double psnr = psnr(expected.readFloats("result_200"), run.result.image()
				.planes());
			System.out.printf("cs231n, 200 iterations: PSNR %.1f dB%n", psnr);
			assertTrue(psnr >= 30, "PSNR to PyTorch after 200 iterations: " + psnr);
		}
	}

	private record Run(List<LossValues> losses, StylizationResult result) {
	}

	private static Run run(StateDict expected, int iterations) throws Exception {
		RgbImage content = new RgbImage(48, 40, expected.readFloats("content"));
		RgbImage style = new RgbImage(48, 44, expected.readFloats("style"));
		StyleTransferSettings s = Presets.named("cs231n").settings();
		s.iterations = iterations;
		s.snapshotEvery = 0;
		List<LossValues> seen = new ArrayList<>();
		try (StateDict net = Checkpoints.open(SQUEEZENET);
				GatysStylizer stylizer = new GatysStylizer(net, Device.cpu()))
		{
			StylizationResult r = stylizer.run(content, List.of(
				new GatysStylizer.Style(style, 1)), s, new StylizationListener()
			{

					@Override
					public void iteration(int iteration, LossValues losses) {
						seen.add(losses);
					}
				});
			assertEquals(iterations + 1, seen.size(),
				"every iteration and the final image");
			return new Run(seen, r);
		}
	}

	/** Peak signal-to-noise ratio of two images in [0, 1], in dB. */
	static double psnr(float[] expected, float[] got) {
		assertEquals(expected.length, got.length);
		double sum = 0;
		for (int i = 0; i < got.length; i++)
			sum += (got[i] - expected[i]) * (double) (got[i] - expected[i]);
		return 10 * Math.log10(1 / (sum / got.length));
	}
}
