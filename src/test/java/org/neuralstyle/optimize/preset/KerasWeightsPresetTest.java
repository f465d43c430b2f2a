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

import ai.djl.Device;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.Preprocessing;
import org.neuralstyle.optim.OptimizerKind;
import org.neuralstyle.optimize.GatysStylizer;
import org.neuralstyle.optimize.LossValues;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.StylizationListener;

/**
 * The keras-vgg16 preset with Keras' own .h5 weights runs with Caffe's
 * preprocessing, though the preset (written for torchvision's weights) says
 * torchvision's: its losses at a given start image are those PyTorch computes
 * with seed 001's formulas on the same weights (src/test/python/
 * make_keras_fixtures.py).
 */
class KerasWeightsPresetTest {

	static final Path DIR = Path.of("src/test/resources/fixtures/keras");

	@Test
	void kerasWeightsRunTheKerasPresetWithCaffePreprocessing() throws Exception {
		StyleTransferSettings s = Presets.named(Presets.KERAS_VGG16).settings();
		assertEquals(Preprocessing.TORCHVISION, s.preprocessing);
		// The tiny network has three blocks; the forms are the preset's.
		s.styleLayers = StyleTransferSettings.parseLayers(
			"relu1_2:0.2,relu2_2:0.2,relu3_3:0.2");
		s.optimizer = OptimizerKind.ADAM; // one evaluation is all this needs
		s.iterations = 1;
		s.snapshotEvery = 0;
		try (StateDict expected = Checkpoints.open(DIR.resolve(
			"keras_vgg16_caffe.pth"));
				StateDict keras = Checkpoints.open(DIR.resolve("tiny_keras_vgg.h5"));
				GatysStylizer stylizer = new GatysStylizer(keras, Device.cpu()))
		{
			s.init = StyleTransferSettings.Init.IMAGE;
			s.initImage = new RgbImage(48, 40, expected.readFloats("start"));
			RgbImage content = new RgbImage(48, 40, expected.readFloats("content"));
			RgbImage style = new RgbImage(48, 40, expected.readFloats("style"));
			List<LossValues> seen = new ArrayList<>();
			stylizer.run(content, List.of(new GatysStylizer.Style(style, 1)), s,
				new StylizationListener()
				{

					@Override
					public void iteration(int iteration, LossValues losses) {
						seen.add(losses);
					}
				});
			float[] want = expected.readFloats("losses");
			LossValues first = seen.get(0);
			assertEquals(want[0], first.content(), 1e-4 * want[0], "content");
			assertEquals(want[1], first.style(), 1e-4 * want[1], "style");
			assertEquals(want[2], first.tv(), 1e-4 * want[2], "tv");
		}
	}
}
