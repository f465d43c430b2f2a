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

package org.neuralstyle.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.neuralstyle.testing.MapStateDict;
import org.neuralstyle.checkpoint.CheckpointException;

class VggTest {

	@Test
	void layoutNamesLayersFromTheStateDict() throws Exception {
		MapStateDict sd = MapStateDict.vgg(1, 4, 4, "M", 8, 8, "M", 16);
		List<String> names = Vgg.layout(sd).stream().map(VggLayer::name).toList();
		assertEquals(List.of("conv1_1", "relu1_1", "conv1_2", "relu1_2", "pool1",
			"conv2_1", "relu2_1", "conv2_2", "relu2_2", "pool2", "conv3_1", "relu3_1",
			"pool3"), names);
		assertEquals(16, Vgg.layout(sd).get(10).outChannels());
	}

	@Test
	void vgg19LayoutMatchesTorchvision() throws Exception {
		MapStateDict sd = MapStateDict.vgg(1, 1, 1, "M", 1, 1, "M", 1, 1, 1, 1, "M",
			1, 1, 1, 1, "M", 1, 1, 1, 1);
		List<VggLayer> l = Vgg.layout(sd);
		// torchvision vgg19.features: conv5_4 at index 34, pool5 at 36
		assertEquals("conv5_4", l.get(l.size() - 3).name());
		assertEquals(34, l.get(l.size() - 3).index());
		assertEquals("pool5", l.get(l.size() - 1).name());
		assertEquals(36, l.get(l.size() - 1).index());
	}

	@Test
	void loadsOnlyTheLayersNeeded() throws Exception {
		MapStateDict sd = MapStateDict.vgg(2, 4, 4, "M", 8, 8, "M", 16);
		try (NDManager m = NDManager.newBaseManager();
				Vgg vgg = Vgg.load(sd, "conv2_1", Pooling.MAX, m, Device.cpu()))
		{
			assertEquals(Set.of("features.0.weight", "features.0.bias",
				"features.2.weight", "features.2.bias", "features.5.weight",
				"features.5.bias"), sd.reads());
			NDArray img = m.randomUniform(0, 1, new Shape(1, 3, 8, 6));
			Map<String, NDArray> f = vgg.features(img, List.of("conv1_1", "conv2_1"));
			assertArrayEquals(new long[] { 1, 4, 8, 6 }, f.get("conv1_1").getShape()
				.getShape());
			assertArrayEquals(new long[] { 1, 8, 4, 3 }, f.get("conv2_1").getShape()
				.getShape());
		}
	}

	@Test
	void conv1_1IsNormalizedConvolution() throws Exception {
		// One 1x1-centred kernel picking the red channel: output = (r - mean_r) /
		// std_r + bias
		float[] w = new float[27];
		w[4] = 1;
		MapStateDict sd = new MapStateDict().put("features.0.weight", w, 1, 3, 3, 3)
			.put("features.0.bias", new float[] { 0.5f }, 1);
		try (NDManager m = NDManager.newBaseManager();
				Vgg vgg = Vgg.load(sd, "conv1_1", Pooling.MAX, m, Device.cpu()))
		{
			NDArray img = m.full(new Shape(1, 3, 3, 3), 0.7f);
			float centre = vgg.features(img, List.of("conv1_1")).get("conv1_1")
				.toFloatArray()[4];
			assertEquals((0.7f - 0.485f) / 0.229f + 0.5f, centre, 1e-5f);
		}
	}

	@Test
	void refusesCheckpointsThatAreNotVgg() throws CheckpointException {
		MapStateDict notVgg = new MapStateDict().put("conv1.conv2d.weight",
			new float[32 * 3 * 81], 32, 3, 9, 9);
		CheckpointException e = assertThrows(CheckpointException.class, () -> Vgg
			.layout(notVgg));
		assertTrue(e.getMessage().contains("not a torchvision VGG"), e
			.getMessage());
		MapStateDict sd = MapStateDict.vgg(1, 4, "M", 8);
		assertThrows(IllegalArgumentException.class, () -> Vgg.deepest(Vgg.layout(
			sd), List.of("conv4_1")));
	}
}
