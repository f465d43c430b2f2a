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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.testing.MapStateDict;

/**
 * SqueezeNet against PyTorch: src/test/python/make_squeezenet_fixtures.py wrote
 * a tiny SqueezeNet 1.1 and its output after every module of {@code features}.
 */
class SqueezeNetTest {

	static final Path DIR = Path.of("src/test/resources/fixtures/squeezenet");

	@Test
	void layoutIsTorchvisionsSqueezeNet11() throws Exception {
		try (StateDict sd = Checkpoints.open(DIR.resolve("tiny_squeezenet.pth"))) {
			assertTrue(SqueezeNet.isSqueezeNet(sd));
			List<SqueezeLayer> layout = SqueezeNet.layout(sd);
			assertEquals(List.of("conv1", "relu1", "pool1", "fire2", "fire3", "pool3",
				"fire4", "fire5", "pool5", "fire6", "fire7", "fire8", "fire9"), layout
					.stream().map(SqueezeLayer::name).toList());
			for (int i = 0; i < layout.size(); i++)
				assertEquals(i, layout.get(i).index());
			SqueezeLayer fire4 = layout.get(6);
			assertEquals(16, fire4.inChannels());
			assertEquals(6, fire4.squeeze());
			assertEquals(24, fire4.outChannels());
		}
	}

	@Test
	void everyModuleMatchesPyTorch() throws Exception {
		try (StateDict sd = Checkpoints.open(DIR.resolve("tiny_squeezenet.pth"));
				StateDict expected = Checkpoints.open(DIR.resolve("features.pth"));
				NDManager m = NDManager.newBaseManager(Device.cpu());
				SqueezeNet net = SqueezeNet.load(sd, "fire9", m, Device.cpu()))
		{
			List<String> names = net.layers().stream().map(SqueezeLayer::name)
				.toList();
			NDArray input = m.create(expected.readFloats("input"), new Shape(1, 3, 37,
				45));
			Map<String, NDArray> features = net.featuresOfInput(input, names);
			for (SqueezeLayer layer : net.layers()) {
				String key = "features." + layer.index();
				float[] want = expected.readFloats(key);
				NDArray got = features.get(layer.name());
				assertArrayEquals(expected.info(key).shape(), dropBatch(got.getShape()),
					layer.name());
				float[] values = got.toFloatArray();
				double worst = 0, scale = 0;
				for (int i = 0; i < want.length; i++) {
					worst = Math.max(worst, Math.abs(values[i] - want[i]));
					scale = Math.max(scale, Math.abs(want[i]));
				}
				assertTrue(worst <= 1e-5 * Math.max(1, scale), layer.name() +
					": off by " + worst + " (largest value " + scale + ")");
			}
		}
	}

	@Test
	void readsOnlyTheModulesUpToTheDeepestLayer() throws Exception {
		MapStateDict sd = copy(DIR.resolve("tiny_squeezenet.pth"));
		try (NDManager m = NDManager.newBaseManager(Device.cpu());
				SqueezeNet net = SqueezeNet.load(sd, "fire3", m, Device.cpu()))
		{
			assertEquals(5, net.layers().size());
			assertTrue(sd.reads().contains("features.4.expand3x3.weight"));
			assertFalse(sd.reads().stream().anyMatch(n -> n.startsWith(
				"features.6.") || n.startsWith("classifier")), sd.reads().toString());
		}
	}

	@Test
	void minimumSideFollowsTheStridesAndCeilModePooling() throws Exception {
		try (StateDict sd = Checkpoints.open(DIR.resolve("tiny_squeezenet.pth"))) {
			List<SqueezeLayer> layout = SqueezeNet.layout(sd);
			// What PyTorch 1.13 runs without "Output size is too small": conv1
			// 3x3/2 needs 3; a ceil_mode pooling takes 2 (its window reaches past
			// the edge), not 1.
			assertEquals(3, SqueezeNet.minimumSide(layout, "relu1"));
			assertEquals(5, SqueezeNet.minimumSide(layout, "pool1"));
			assertEquals(5, SqueezeNet.minimumSide(layout, "fire3"));
			assertEquals(9, SqueezeNet.minimumSide(layout, "fire5"));
			assertEquals(17, SqueezeNet.minimumSide(layout, "fire9"));
			// ceil_mode: 18 -> 9, 22 -> 11 (the fixture's sizes)
			assertEquals(9, SqueezeNet.pooled(18));
			assertEquals(11, SqueezeNet.pooled(22));
			assertEquals(2, SqueezeNet.pooled(4));
			assertEquals(1, SqueezeNet.pooled(3));
			assertEquals(1, SqueezeNet.pooled(2));
			assertEquals(0, SqueezeNet.pooled(1));
		}
		// and libtorch 2.7.1 agrees
		try (StateDict sd = Checkpoints.open(DIR.resolve("tiny_squeezenet.pth"));
				NDManager m = NDManager.newBaseManager(Device.cpu());
				SqueezeNet net = SqueezeNet.load(sd, "fire9", m, Device.cpu()))
		{
			NDArray smallest = m.zeros(new Shape(1, 3, 17, 17));
			assertArrayEquals(new long[] { 1, 40, 1, 1 }, net.featuresOfInput(
				smallest, List.of("fire9")).get("fire9").getShape().getShape());
			NDArray tooSmall = m.zeros(new Shape(1, 3, 16, 16));
			assertThrows(RuntimeException.class, () -> net.featuresOfInput(tooSmall,
				List.of("fire9")));
		}
	}

	@Test
	void refusesOtherNetworksAndBrokenFireModules() throws Exception {
		CheckpointException vgg = assertThrows(CheckpointException.class,
			() -> SqueezeNet.layout(MapStateDict.vgg(1, 4, "M", 8)));
		assertTrue(vgg.getMessage().contains("not a torchvision SqueezeNet"), vgg
			.getMessage());
		MapStateDict broken = copy(DIR.resolve("tiny_squeezenet.pth"));
		broken.remove("features.6.expand3x3.weight");
		CheckpointException missing = assertThrows(CheckpointException.class,
			() -> SqueezeNet.layout(broken));
		assertTrue(missing.getMessage().contains("features.6.expand3x3.weight"),
			missing.getMessage());
		MapStateDict wide = copy(DIR.resolve("tiny_squeezenet.pth"));
		wide.put("features.7.squeeze.weight", new float[6 * 99], 6, 99, 1, 1);
		assertThrows(CheckpointException.class, () -> SqueezeNet.layout(wide));
	}

	@Test
	void unknownLayerNamesListTheModulesWithTheirIndices() throws Exception {
		try (StateDict sd = Checkpoints.open(DIR.resolve("tiny_squeezenet.pth"))) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> SqueezeNet.deepest(SqueezeNet.layout(sd), List.of("conv4_2")));
			assertTrue(e.getMessage().contains("fire2 (3)"), e.getMessage());
		}
	}

	@Test
	void forwardFlopsCountTheConvolutions() throws Exception {
		try (StateDict sd = Checkpoints.open(DIR.resolve("tiny_squeezenet.pth"))) {
			List<SqueezeLayer> layout = SqueezeNet.layout(sd);
			// conv1: 3 -> 8, 3x3, output 18x22 for 37x45
			double conv1 = 2.0 * 18 * 22 * 8 * 3 * 9;
			assertEquals(conv1, SqueezeNet.forwardFlops(layout, "pool1", 37, 45));
			// fire2 at 9x11: 8 -> 4 (1x1), 4 -> 8 (1x1), 4 -> 8 (3x3)
			double fire2 = 2.0 * 9 * 11 * (4 * 8 + 8 * 4 + 9 * 8 * 4);
			assertEquals(conv1 + fire2, SqueezeNet.forwardFlops(layout, "fire2", 37,
				45));
		}
	}

	private static long[] dropBatch(Shape shape) {
		long[] s = shape.getShape();
		long[] out = new long[s.length - 1];
		System.arraycopy(s, 1, out, 0, out.length);
		return out;
	}

	/** A checkpoint's tensors in memory, to count reads or damage them. */
	private static MapStateDict copy(Path file) throws Exception {
		MapStateDict out = new MapStateDict();
		try (StateDict sd = Checkpoints.open(file)) {
			for (String name : new ArrayList<>(sd.names()))
				out.put(name, sd.readFloats(name), sd.info(name).shape());
		}
		return out;
	}
}
