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
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The L-BFGS history is bounded by a memory budget and still converges when the
 * bound bites.
 */
class LbfgsHistoryTest {

	private static final long GIB = 1L << 30;

	@Test
	void historyKeepsTorchSizeWhenItFitsTheBudget() {
		// A 512 x 512 RGB image: 100 updates take 629 MB.
		assertEquals(100, Lbfgs.historyCapacity(100, 3L * 512 * 512, 4, GIB));
	}

	@Test
	void historyShrinksToTheBudgetForLargeImages() {
		// A 1024 x 1024 RGB image: each update holds 2 x 12 MiB, 42 of them fit in
		// 1 GiB.
		assertEquals(42, Lbfgs.historyCapacity(100, 3L * 1024 * 1024, 4, GIB));
		// 4096 x 4096: fewer than 3 would fit, 3 are kept anyway.
		assertEquals(Lbfgs.MIN_HISTORY_CAPACITY, Lbfgs.historyCapacity(100, 3L *
			4096 * 4096, 4, GIB));
	}

	@Test
	void aSmallerRequestedHistoryIsKept() {
		assertEquals(2, Lbfgs.historyCapacity(2, 10, 4, GIB));
	}

	@Test
	void tinyBudgetCapsTheHistoryAndRosenbrockStillConverges() {
		try (NDManager manager = NDManager.newBaseManager();
				Lbfgs lbfgs = Lbfgs.builder().memoryBudget(1).build(manager.create(
					new float[10])))
		{
			assertEquals(Lbfgs.MIN_HISTORY_CAPACITY, lbfgs.historyCapacity());
			AutogradObjective objective = AutogradObjective.of(
				AutogradObjective::rosenbrock);
			int longest = 0;
			while (lbfgs.evaluations() < 600 && !lbfgs.converged()) {
				lbfgs.step(objective);
				assertTrue(lbfgs.historyLength() <= lbfgs.historyCapacity());
				longest = Math.max(longest, lbfgs.historyLength());
			}
			assertEquals(Lbfgs.MIN_HISTORY_CAPACITY, longest,
				"the history filled up to its bound");
			float[] ones = new float[10];
			Arrays.fill(ones, 1f);
			assertArrayEquals(ones, lbfgs.parameters().toFloatArray(), 1e-3f,
				"after " + lbfgs.evaluations() + " evaluations");
		}
	}
}
