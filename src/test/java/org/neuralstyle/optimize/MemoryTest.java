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

package org.neuralstyle.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neuralstyle.optim.Adam;
import org.neuralstyle.optim.AutogradObjective;
import org.neuralstyle.optim.Lbfgs;
import org.neuralstyle.optim.Objective;
import org.neuralstyle.optim.Optimizer;

/**
 * Native memory stays flat over many iterations: the number of live arrays
 * under the caller's manager (the optimizer's manager is a child of it) stops
 * growing once the history is full, and closing the optimizer releases
 * everything it made.
 */
class MemoryTest {

	private NDManager manager;
	private NDArray start;

	@BeforeEach
	void open() {
		manager = NDManager.newBaseManager();
		// Rosenbrock from 0 in 50 dimensions is far from done after 25 steps, so
		// the history keeps turning over.
		start = manager.zeros(new Shape(50));
	}

	@AfterEach
	void close() {
		manager.close();
	}

	@Test
	void lbfgsKeepsTheArrayCountFlatWhileItsHistoryTurnsOver() {
		assertArrayCountFlat(() -> Lbfgs.builder().maxIterations(10).memoryBudget(1)
			.build(start), o -> ((Lbfgs) o)
				.historyLength() == Lbfgs.MIN_HISTORY_CAPACITY);
	}

	@Test
	void adamKeepsTheArrayCountFlat() {
		assertArrayCountFlat(() -> new Adam(start, 0.01), o -> true);
	}

	@Test
	void anObjectiveThatFailsMidStepLeavesNothingBehindAfterClose() {
		int before = live();
		Lbfgs lbfgs = Lbfgs.create(start);
		AutogradObjective rosenbrock = AutogradObjective.of(
			AutogradObjective::rosenbrock);
		Objective cancelled = x -> {
			if (rosenbrock.evaluations() == 7) {
				throw new IllegalStateException("cancelled");
			}
			return rosenbrock.evaluate(x);
		};
		assertThrows(IllegalStateException.class, () -> lbfgs.step(cancelled));
		assertTrue(live() > before);
		lbfgs.close();
		assertEquals(before, live());
	}

	private void assertArrayCountFlat(Supplier<Optimizer> create,
		Predicate<Optimizer> warmedUp)
	{
		int before = live();
		Optimizer optimizer = create.get();
		AutogradObjective objective = AutogradObjective.of(
			AutogradObjective::rosenbrock);
		int steady = -1;
		for (int step = 0; step < 25; step++) {
			optimizer.step(objective);
			assertFalse(optimizer.converged());
			if (steady < 0 && warmedUp.test(optimizer)) {
				steady = live();
			}
			else if (steady >= 0) {
				assertEquals(steady, live(), "live arrays after step " + (step + 1));
			}
		}
		assertTrue(steady > before,
			"the optimizer's arrays are counted under the caller's manager");
		optimizer.close();
		assertEquals(before, live(), "closing the optimizer frees all its arrays");
	}

	private int live() {
		return manager.getManagedArrays().size();
	}
}
