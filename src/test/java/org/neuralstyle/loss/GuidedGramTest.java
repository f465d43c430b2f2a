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

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The guided Gram matrix and style loss against sums computed by hand. */
class GuidedGramTest {

	private static final int C = 3, H = 4, W = 5;

	@Test
	void guidedGramMatrixIsTheMaskWeightedSumOverTheRegionsArea() {
		Random r = new Random(1);
		float[] f = new float[C * H * W], m = new float[H * W];
		for (int i = 0; i < f.length; i++)
			f[i] = r.nextFloat() * 2 - 1;
		// A soft region: some positions out (0), some in (1), some partly.
		for (int i = 0; i < m.length; i++)
			m[i] = i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : r.nextFloat();
		double area = 0;
		for (float v : m)
			area += v;
		float[] expected = new float[C * C];
		for (int a = 0; a < C; a++)
			for (int b = 0; b < C; b++) {
				double s = 0;
				for (int p = 0; p < H * W; p++)
					s += m[p] * f[a * H * W + p] * f[b * H * W + p];
				expected[a * C + b] = (float) (s / (C * area));
			}
		try (NDManager nd = NDManager.newBaseManager()) {
			NDArray features = nd.create(f, new Shape(1, C, H, W));
			NDArray mask = nd.create(m, new Shape(1, 1, H, W));
			assertArrayEquals(expected, GramMatrix.guided(features, mask, area)
				.toFloatArray(), 1e-6f);
		}
	}

	@Test
	void aMaskOfOnesGivesThePlainGramMatrix() {
		try (NDManager nd = NDManager.newBaseManager()) {
			NDArray features = nd.randomUniform(-1, 1, new Shape(1, C, H, W));
			NDArray ones = nd.ones(new Shape(1, 1, H, W));
			assertArrayEquals(GramMatrix.of(features).toFloatArray(), GramMatrix
				.guided(features, ones, H * W).toFloatArray(), 1e-6f);
		}
	}

	@Test
	void guidedStyleLossSumsEachRegionsWeightedError() {
		try (NDManager nd = NDManager.newBaseManager()) {
			// F = [[1,2],[3,4]] (C=2, one row of two positions); region A is the
			// first position, B both at half weight.
			NDArray f = nd.create(new float[] { 1, 2, 3, 4 }, new Shape(1, 2, 1, 2));
			NDArray a = nd.create(new float[] { 1, 0 }, new Shape(1, 1, 1, 2));
			NDArray b = nd.create(new float[] { 0.5f, 0.5f }, new Shape(1, 1, 1, 2));
			// G_A = [[1,3],[3,9]] / (2·1); G_B = 0.5·[[5,11],[11,25]] / (2·1).
			assertArrayEquals(new float[] { 0.5f, 1.5f, 1.5f, 4.5f }, GramMatrix
				.guided(f, a, 1).toFloatArray(), 1e-6f);
			assertArrayEquals(new float[] { 1.25f, 2.75f, 2.75f, 6.25f }, GramMatrix
				.guided(f, b, 1).toFloatArray(), 1e-6f);
			NDArray zero = nd.zeros(new Shape(2, 2));
			GuidedStyleLoss loss = new GuidedStyleLoss(List.of(
				new GuidedStyleLoss.Guide(a, 1, zero, 2f), new GuidedStyleLoss.Guide(b,
					1, GramMatrix.guided(f, b, 1), 1f)));
			// 2 · mean(0.25, 2.25, 2.25, 20.25) + 1 · 0 = 12.5
			assertEquals(12.5f, loss.of(f).getFloat(), 1e-5f);
		}
	}

	/**
	 * The loss and its gradient with respect to the feature map against PyTorch's
	 * (src/test/python/make_guided_gram_fixtures.py), through DJL's autograd.
	 */
	@Test
	void guidedStyleLossAndGradientArePyTorchs() throws Exception {
		JsonObject fx;
		try (Reader in = Files.newBufferedReader(Path.of(
			"src/test/resources/fixtures/loss/guided_gram.json")))
		{
			fx = JsonParser.parseReader(in).getAsJsonObject();
		}
		long[] shape = new Gson().fromJson(fx.get("shape"), long[].class);
		int hw = (int) (shape[2] * shape[3]), c = (int) shape[1];
		try (NDManager nd = NDManager.newBaseManager()) {
			List<GuidedStyleLoss.Guide> guides = new java.util.ArrayList<>();
			for (int r = 0; r < fx.getAsJsonArray("masks").size(); r++)
				guides.add(new GuidedStyleLoss.Guide(nd.create(floats(fx.getAsJsonArray(
					"masks").get(r)), new Shape(1, 1, shape[2], shape[3])), fx
						.getAsJsonArray("areas").get(r).getAsDouble(), nd.create(floats(fx
							.getAsJsonArray("targets").get(r)), new Shape(c, c)), fx
								.getAsJsonArray("weights").get(r).getAsFloat()));
			NDArray features = nd.create(floats(fx.get("features")), new Shape(
				shape));
			features.setRequiresGradient(true);
			float loss;
			try (GradientCollector collector = Engine.getInstance()
				.newGradientCollector())
			{
				NDArray l = new GuidedStyleLoss(guides).of(features);
				loss = l.getFloat();
				collector.backward(l);
			}
			double expected = fx.get("loss").getAsDouble();
			assertEquals(expected, loss, 1e-5 * expected, "loss");
			float[] grad = features.getGradient().toFloatArray(), want = floats(fx
				.get("gradient"));
			float scale = 0;
			for (float v : want)
				scale = Math.max(scale, Math.abs(v));
			assertEquals(c * hw, grad.length);
			assertArrayEquals(want, grad, 1e-5f * scale, "gradient");
		}
	}

	private static float[] floats(com.google.gson.JsonElement array) {
		double[] d = new Gson().fromJson(array, double[].class);
		float[] f = new float[d.length];
		for (int i = 0; i < d.length; i++)
			f[i] = (float) d[i];
		return f;
	}
}
