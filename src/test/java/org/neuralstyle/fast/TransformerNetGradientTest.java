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

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.checkpoint.Checkpoints;

/**
 * The training gradient of the transformation network in float32 equals the
 * same gradient computed in float64, tensor by tensor: the truth that
 * training's every update rests on. On an AVX-512 AMD EPYC, libtorch's oneDNN
 * got the input gradient of the last convolution (32 → 3 channels) 90% wrong
 * until {@link org.neuralstyle.tensor.Convolution} widened it.
 */
class TransformerNetGradientTest {

	@Test
	void float32TrainingGradientMatchesFloat64() throws Exception {
		float[] weights;
		try (StateDict checkpoint = Checkpoints.open(FastFixtures.file(
			FastFixtures.CHECKPOINT)))
		{
			weights = TransformerWeights.read(checkpoint).values();
		}
		Random random = new Random(1);
		float[] pixels = new float[2 * 3 * 24 * 24];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = random.nextFloat() * 255;
		float[] single = gradient(weights, pixels, DataType.FLOAT32);
		float[] exact = gradient(weights, pixels, DataType.FLOAT64);
		List<String> wrong = new ArrayList<>();
		for (String name : TransformerNetLayout.parameterShapes().keySet()) {
			// A bias whose every path leads into an InstanceNorm cancels out (the
			// convolutions' before their norm, and the residual blocks' last shift,
			// which the next norms remove): its gradient is 0 up to rounding, nothing
			// to compare.
			if (name.endsWith(".conv2d.bias") && !name.startsWith("deconv3.") || name
				.matches("res\\d\\.in2\\.bias")) continue;
			long[] range = TransformerWeights.range(name);
			double error = 0, norm = 0;
			for (int i = (int) range[0]; i < range[1]; i++) {
				error += Math.pow(single[i] - exact[i], 2);
				norm += Math.pow(exact[i], 2);
			}
			double relative = Math.sqrt(error / norm);
			// float32 rounding through 16 layers: measured 1e-7 to 3e-6 where the
			// kernels are right.
			if (!(relative < 1e-4)) wrong.add(name + " " + relative);
		}
		assertTrue(wrong.isEmpty(), "relative error of the float32 gradient: " +
			wrong);
	}

	/** d mean((net(x)/255)²) / d weights, computed in {@code type}. */
	private static float[] gradient(float[] weights, float[] pixels,
		DataType type)
	{
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray leaf = manager.create(weights).toType(type, true);
			leaf.setRequiresGradient(true);
			NDArray images = manager.create(pixels, new Shape(2, 3, 24, 24)).toType(
				type, true);
			try (GradientCollector collector = Engine.getInstance()
				.newGradientCollector())
			{
				Map<String, NDArray> views = new LinkedHashMap<>();
				for (Map.Entry<String, Shape> tensor : TransformerNetLayout
					.parameterShapes().entrySet())
				{
					long[] range = TransformerWeights.range(tensor.getKey());
					views.put(tensor.getKey(), leaf.get(new NDIndex().addSliceDim(
						range[0], range[1])).reshape(tensor.getValue()));
				}
				try (TransformerNet net = TransformerNet.over(views)) {
					NDArray out = net.forward(images);
					collector.backward(out.square().mean());
				}
			}
			return leaf.getGradient().toType(DataType.FLOAT32, false).toFloatArray();
		}
	}
}
