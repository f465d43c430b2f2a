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

package org.neuralstyle.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import com.google.gson.Gson;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The temporal loss and its gradient against PyTorch's autograd
 * ({@code src/test/python/make_temporal_fixtures.py}).
 */
class TemporalLossTest {

	static final class Fixture {

		long[] shape;
		float[] image, target, weights, gradient;
		double loss;
	}

	@Test
	void lossAndGradientAreTorchs() throws IOException {
		Fixture f;
		try (InputStream in = getClass().getResourceAsStream(
			"/fixtures/temporal/temporal_loss.json"))
		{
			assertNotNull(in, "run src/test/python/make_temporal_fixtures.py");
			f = new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8),
				Fixture.class);
		}
		Shape shape = new Shape(f.shape);
		try (NDManager m = NDManager.newBaseManager()) {
			TemporalLoss loss = new TemporalLoss(m.create(f.target, shape), m.create(
				f.weights, new Shape(1, 1, shape.get(2), shape.get(3))));
			NDArray image = m.create(f.image, shape);
			image.setRequiresGradient(true);
			try (GradientCollector collector = Engine.getInstance()
				.newGradientCollector())
			{
				NDArray value = loss.of(image);
				assertEquals(f.loss, value.getFloat(), 1e-6 * Math.abs(f.loss));
				collector.backward(value);
			}
			assertArrayEquals(f.gradient, image.getGradient().toFloatArray(), 1e-7f);
		}
	}

	@Test
	void aPixelWithWeightZeroIsFree() {
		try (NDManager m = NDManager.newBaseManager()) {
			// 1×3×1×2: the second pixel differs by 1 in every channel but has weight
			// 0; the first differs by 0.5 with weight 1: 3·0.25 / 6 values.
			TemporalLoss loss = new TemporalLoss(m.zeros(new Shape(1, 3, 1, 2)), m
				.create(new float[] { 1, 0 }, new Shape(1, 1, 1, 2)));
			NDArray image = m.create(new float[] { 0.5f, 1, 0.5f, 1, 0.5f, 1 },
				new Shape(1, 3, 1, 2));
			assertEquals(0.125f, loss.of(image).getFloat(), 1e-7f);
		}
	}
}
