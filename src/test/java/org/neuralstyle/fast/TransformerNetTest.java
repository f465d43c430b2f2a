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

package org.neuralstyle.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.tensor.NoGradient;
import org.neuralstyle.testing.MapStateDict;

/**
 * The network against PyTorch's own outputs for the same weights
 * (make_fast_fixtures.py).
 */
class TransformerNetTest {

	private static TransformerNet net;

	@BeforeAll
	static void load() throws IOException {
		net = TransformerNet.load(FastFixtures.file(FastFixtures.CHECKPOINT), Device
			.cpu());
	}

	@AfterAll
	static void close() {
		net.close();
	}

	@Test
	void matchesPyTorch() throws IOException {
		assertMatchesPyTorch(40, 56, 40, 56);
	}

	@Test
	void roundsSizesUpToAMultipleOfFourLikePyTorch() throws IOException {
		assertMatchesPyTorch(37, 45, 40, 48);
	}

	private static void assertMatchesPyTorch(int height, int width, int outHeight,
		int outWidth) throws IOException
	{
		float[] expected = FastFixtures.floats("output_" + height + "x" + width +
			".f32");
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray input = manager.create(FastFixtures.floats("input_" + height +
				"x" + width + ".f32"), new Shape(1, 3, height, width));
			NDArray output = net.forward(input);
			assertEquals(new Shape(1, 3, outHeight, outWidth), output.getShape());
			float[] actual = output.toFloatArray();
			double largest = 0;
			double worst = 0;
			for (int i = 0; i < expected.length; i++) {
				largest = Math.max(largest, Math.abs(expected[i]));
				worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
			}
			// float32 sums in another order: a few ulp of the output range, far below
			// any layout error.
			assertTrue(worst <= 1e-4 * largest, "largest difference " + worst +
				" for outputs up to " + largest);
		}
	}

	/**
	 * Without gradients the network pads in one copy and upsamples with
	 * libtorch's upsample_nearest2d; while gradients are recorded it concatenates
	 * and repeats, which autograd follows. Both give the same output to the bit,
	 * odd sizes included.
	 */
	@Test
	void inferenceAndTrainingComputeTheSameOutput() throws Exception {
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray input = manager.create(FastFixtures.floats("input_37x45.f32"),
				new Shape(1, 3, 37, 45));
			float[] inference, recorded;
			try (NoGradient off = NoGradient.enter()) {
				inference = net.forward(input).toFloatArray();
			}
			try (GradientCollector on = Engine.getInstance().newGradientCollector()) {
				recorded = net.forward(input).toFloatArray();
			}
			assertArrayEquals(recorded, inference, 0f);
		}
	}

	@Test
	void loadsThePublishedLayoutWithStaleRunningStatistics() throws IOException {
		try (StateDict weights = Checkpoints.open(FastFixtures.file(
			FastFixtures.CHECKPOINT)))
		{
			assertTrue(weights.contains("in1.running_mean") && weights.contains(
				"res3.in2.running_var"));
		}
		assertEquals(TransformerNetLayout.parameterShapes().keySet(), net
			.parameters().keySet());
		long count = net.parameters().values().stream().mapToLong(NDArray::size)
			.sum();
		assertEquals(1_679_235, count,
			"parameters PyTorch counts for the example network");
	}

	@Test
	void keepsOnlyInputAndOutputInTheCallersManager() {
		NDManager weightsManager = net.parameters().get("in1.weight").getManager();
		int weightArrays = weightsManager.getManagedArrays().size();
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray input = manager.randomUniform(0, 255, new Shape(1, 3, 24, 20));
			for (int i = 0; i < 2; i++)
				net.forward(input).close();
			assertEquals(1, manager.getManagedArrays().size(),
				"only the input remains");
			assertEquals(weightArrays, weightsManager.getManagedArrays().size(),
				"nothing piles up beside the weights");
		}
	}

	@Test
	void normalizesEachImageOfABatchOnItsOwn() {
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray first = manager.randomUniform(0, 255, new Shape(1, 3, 20, 24));
			NDArray second = manager.randomUniform(0, 100, new Shape(1, 3, 20, 24));
			NDArray batch = net.forward(first.concat(second, 0));
			assertArrayEquals(net.forward(first).toFloatArray(), batch.get("0:1")
				.toFloatArray(), 1e-2f);
			assertArrayEquals(net.forward(second).toFloatArray(), batch.get("1:2")
				.toFloatArray(), 1e-2f);
		}
	}

	@Test
	void refusesWhatIsNotABatchOfRgbImages() {
		try (NDManager manager = NDManager.newBaseManager()) {
			IllegalArgumentException gray = assertThrows(
				IllegalArgumentException.class, () -> net.forward(manager.zeros(
					new Shape(1, 1, 16, 16))));
			assertTrue(gray.getMessage().contains("N×3×H×W"), gray.getMessage());
			IllegalArgumentException tiny = assertThrows(
				IllegalArgumentException.class, () -> net.forward(manager.zeros(
					new Shape(1, 3, 4, 16))));
			assertTrue(tiny.getMessage().contains("at least 5×5"), tiny.getMessage());
		}
	}

	@Test
	void namesTheFileWhenItIsNotAFastModel() {
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> TransformerNet.load(FastFixtures.tinyVgg(), Device.cpu()));
		assertTrue(e.getMessage().startsWith(FastFixtures.tinyVgg().toString()), e
			.getMessage());
		assertTrue(e.getMessage().contains("looks like a VGG checkpoint"), e
			.getMessage());
	}

	@Test
	void refusesNonFiniteWeights() {
		MapStateDict weights = MapStateDict.randomTransformerNet(3);
		weights.values("res2.in1.bias")[5] = Float.NaN;
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> TransformerNet.load(weights, Device.cpu()));
		assertTrue(e.getMessage().contains("res2.in1.bias") && e.getMessage()
			.contains("NaN"), e.getMessage());
	}

	@Test
	void exposesTheWeightsItWasGiven() throws IOException {
		MapStateDict weights = MapStateDict.randomTransformerNet(4);
		try (TransformerNet other = TransformerNet.load(weights, Device.cpu())) {
			assertArrayEquals(weights.values("deconv1.conv2d.weight"), other
				.parameters().get("deconv1.conv2d.weight").toFloatArray());
			assertEquals(new Shape(64, 128, 3, 3), other.parameters().get(
				"deconv1.conv2d.weight").getShape());
		}
	}
}
