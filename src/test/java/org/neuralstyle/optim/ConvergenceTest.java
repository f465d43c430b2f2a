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

package org.neuralstyle.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both optimizers minimize the Rosenbrock function, with objectives evaluated
 * by DJL autograd.
 */
class ConvergenceTest {

	private static final float[] START_10D = { -1.2f, 1f, -0.5f, 0.8f, 1.3f,
		-0.9f, 0.2f, 1.1f, -1.4f, 0.6f };

	private NDManager manager;

	@BeforeEach
	void open() {
		manager = NDManager.newBaseManager();
	}

	@AfterEach
	void close() {
		manager.close();
	}

	@Test
	void lbfgsMinimizesRosenbrock2d() {
		assertReachesOnes(Lbfgs.create(manager.create(new float[] { -1.2f, 1f })),
			300, 1e-4f);
	}

	@Test
	void lbfgsMinimizesRosenbrock10d() {
		assertReachesOnes(Lbfgs.create(manager.create(START_10D)), 400, 1e-4f);
	}

	@Test
	void adamMinimizesRosenbrock2d() {
		assertReachesOnes(new Adam(manager.create(new float[2]), 0.01), 800, 1e-3f);
	}

	@Test
	void adamMinimizesRosenbrock10d() {
		assertReachesOnes(new Adam(manager.create(new float[10]), 0.01), 1000,
			1e-3f);
	}

	@Test
	void lbfgsStopsOnConvergenceAndTheCallerCanTellWhy() {
		try (Lbfgs lbfgs = Lbfgs.create(manager.create(new float[] { -1.2f,
			1f })))
		{
			AutogradObjective objective = AutogradObjective.of(
				AutogradObjective::rosenbrock);
			lbfgs.step(objective);
			assertEquals(20, lbfgs.evaluations(),
				"one default step is 20 evaluations");
			assertEquals(20, objective.evaluations());
			assertFalse(lbfgs.converged(),
				"the first step ends on its iteration budget");
			int steps = 1;
			while (!lbfgs.converged()) {
				lbfgs.step(objective);
				steps++;
				assertTrue(steps < 50, "L-BFGS never reported convergence");
			}
			assertEquals(objective.evaluations(), lbfgs.evaluations());
			assertArrayEquals(new float[] { 1f, 1f }, lbfgs.parameters()
				.toFloatArray(), 1e-4f);
		}
	}

	private void assertReachesOnes(Optimizer optimizer, int maxEvaluations,
		float tolerance)
	{
		try (optimizer) {
			AutogradObjective objective = AutogradObjective.of(
				AutogradObjective::rosenbrock);
			while (optimizer.evaluations() < maxEvaluations && !optimizer
				.converged())
			{
				optimizer.step(objective);
			}
			NDArray x = optimizer.parameters();
			float[] ones = new float[(int) x.size()];
			Arrays.fill(ones, 1f);
			assertArrayEquals(ones, x.toFloatArray(), tolerance, "after " + optimizer
				.evaluations() + " evaluations");
		}
	}
}
