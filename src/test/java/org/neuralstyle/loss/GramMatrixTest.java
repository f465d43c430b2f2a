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
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.neuralstyle.tensor.Scalars;

/**
 * The Gram matrix's product with one factor held constant: the same value to
 * the bit as F·Fᵀ, and the gradient of a loss of it equal to the one computed
 * by hand, 2·(∂L/∂G)·(F∘m).
 */
class GramMatrixTest {

	private static final int C = 4, H = 5, W = 6, N = H * W;

	@Test
	void plainGramMatrix() {
		check(false);
	}

	@Test
	void guidedGramMatrix() {
		check(true);
	}

	/**
	 * L = Σ (G − T)² with G = (F∘m)·Fᵀ and F = 1.5·x: the value of G against a
	 * product taken without autograd, and dL/dx against the hand-computed one.
	 */
	private static void check(boolean masked) {
		Random r = new Random(masked ? 2 : 1);
		float[] x = new float[C * N], m = new float[N], t = new float[C * C];
		for (int i = 0; i < x.length; i++)
			x[i] = r.nextFloat() * 2 - 1;
		for (int p = 0; p < N; p++)
			m[p] = masked ? r.nextFloat() : 1;
		for (int a = 0; a < C; a++)
			for (int b = 0; b <= a; b++)
				t[a * C + b] = t[b * C + a] = r.nextFloat();
		try (NDManager nd = NDManager.newBaseManager()) {
			NDArray leaf = nd.create(x, new Shape(1, C, H, W));
			leaf.setRequiresGradient(true);
			NDArray weights = masked ? nd.create(m, new Shape(1, N)) : null;
			float[] gram;
			try (GradientCollector collector = Engine.getInstance()
				.newGradientCollector())
			{
				NDArray f = Scalars.times(leaf, 1.5f).reshape(C, N);
				NDArray g = GramMatrix.product(f, weights);
				gram = g.toFloatArray();
				collector.backward(g.sub(nd.create(t, new Shape(C, C))).square().sum());
			}
			float[] f = new float[C * N];
			for (int i = 0; i < f.length; i++)
				f[i] = 1.5f * x[i];
			try (NDArray plain = nd.create(f, new Shape(C, N))) {
				NDArray left = masked ? plain.mul(weights) : plain;
				assertArrayEquals(left.matMul(plain.transpose()).toFloatArray(), gram,
					0f, "the value is F·Fᵀ to the bit");
			}
			// dL/dG = 2(G − T), symmetric; dL/dF = 2·(dL/dG)·(F∘m); dL/dx =
			// 1.5·dL/dF.
			float[] grad = leaf.getGradient().toFloatArray();
			double largest = 0;
			for (int a = 0; a < C; a++)
				for (int p = 0; p < N; p++) {
					double s = 0;
					for (int b = 0; b < C; b++)
						s += 2 * (gram[a * C + b] - t[a * C + b]) * f[b * N + p] * m[p];
					double expected = 1.5 * 2 * s;
					largest = Math.max(largest, Math.abs(expected));
					assertEquals(expected, grad[a * N + p], 1e-4 * Math.max(1, Math.abs(
						expected)), "dL/dx at channel " + a + ", position " + p);
				}
			assertTrue(largest > 0.1, "a gradient worth comparing");
		}
	}
}
