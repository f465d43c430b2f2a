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

package org.neuralstyle.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.neuralstyle.optim.LineSearch;

/**
 * {@link StyleTransferSettings#keepBest}: the run returns the image of the
 * evaluation with the lowest loss, whatever the optimizer did after it.
 */
class KeepBestTest {

	@Test
	void theBestEvaluationsImageIsReturned() throws Exception {
		Path dir = Path.of("src/test/resources/fixtures/parity");
		try (StateDict fixture = Checkpoints.open(dir.resolve("parity.pth"));
				StateDict vgg = Checkpoints.open(dir.resolve("tiny_vgg.pth"));
				GatysStylizer stylizer = new GatysStylizer(vgg, Device.cpu()))
		{
			StyleTransferSettings s = new StyleTransferSettings();
			s.iterations = 20;
			// Fixed steps five times too long: the loss jumps up and down.
			s.learningRate = 5;
			s.lineSearch = LineSearch.NONE;
			s.keepBest = true;
			s.snapshotEvery = 1;
			List<LossValues> losses = new ArrayList<>();
			List<RgbImage> images = new ArrayList<>();
			StylizationResult r = stylizer.run(new RgbImage(32, 24, fixture
				.readFloats("content")), List.of(new GatysStylizer.Style(new RgbImage(
					32, 30, fixture.readFloats("style")), 1)), s,
				new StylizationListener()
				{

					@Override
					public void iteration(int iteration, LossValues l) {
						if (losses.size() == images.size()) losses.add(l);
					}

					@Override
					public void snapshot(int iteration, LossValues l, RgbImage image) {
						images.add(image);
					}
				});
			int best = 0;
			for (int i = 0; i < losses.size(); i++)
				if (losses.get(i).total() < losses.get(best).total()) best = i;
			double last = losses.get(losses.size() - 1).total();
			assertTrue(losses.get(best).total() < last,
				"the test needs a run whose last image is not its best: " + losses);
			assertEquals(losses.get(best).total(), r.losses().total());
			assertArrayEquals(images.get(best).planes(), r.image().planes());
		}
	}
}
