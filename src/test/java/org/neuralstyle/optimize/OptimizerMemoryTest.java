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
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;
import org.neuralstyle.optim.Adam;
import org.neuralstyle.optim.Lbfgs;
import org.neuralstyle.optim.Optimizer;
import org.neuralstyle.optim.OptimizerKind;

/**
 * The optimizer-state policy with given (fake) memory figures, and the
 * optimizers the stylizer builds from it.
 */
class OptimizerMemoryTest {

	private static final long MB = 1L << 20, GB = 1L << 30;
	/** A 2048² RGB image: 12.6 M values, 48 MB per float array. */
	private static final long VALUES_2048 = 3L * 2048 * 2048;

	private static StyleTransferSettings settings(OptimizerKind kind) {
		StyleTransferSettings s = new StyleTransferSettings();
		s.optimizer = kind;
		return s;
	}

	@Test
	void withRoomToSpareLbfgsKeepsTorchsHundredUpdatesUpToItsBudget() {
		StyleTransferSettings s = settings(OptimizerKind.LBFGS);
		// 512²: an update is 2 × 3 MB, a hundred fit in the 1 GiB budget.
		OptimizerMemory small = OptimizerMemory.plan(s, 3L * 512 * 512, true, 20 *
			GB, GB);
		assertEquals(100, small.historyCapacity());
		// 2048²: an update is 96 MB, the 1 GiB budget holds 10 of them.
		OptimizerMemory large = OptimizerMemory.plan(s, VALUES_2048, true, 20 * GB,
			GB);
		assertEquals(10, large.historyCapacity());
		assertEquals((2 * 10 + 5) * 4 * VALUES_2048, large.deviceBytes());
	}

	@Test
	void aSmallMemoryShrinksTheHistoryToHalfTheRoomButNotBelowThree() {
		StyleTransferSettings s = settings(OptimizerKind.LBFGS);
		long pair = 2 * 4 * VALUES_2048;
		// 1 GB of room: half of it, 512 MB, holds 5 updates of 96 MB.
		OptimizerMemory plan = OptimizerMemory.plan(s, VALUES_2048, true, 3 * GB,
			2 * GB);
		assertEquals(512 * MB / pair, plan.historyCapacity());
		assertEquals(5, plan.historyCapacity());
		// The budget handed to L-BFGS gives it exactly that capacity.
		assertEquals(5, Lbfgs.historyCapacity(100, VALUES_2048, 4, plan
			.historyBudget(VALUES_2048)));
		// No room at all: the fewest L-BFGS works with.
		assertEquals(Lbfgs.MIN_HISTORY_CAPACITY, OptimizerMemory.plan(s,
			VALUES_2048, true, GB, 2 * GB).historyCapacity());
	}

	@Test
	void adamsMomentsGoToTheHostOnlyOnAShortDevice() {
		StyleTransferSettings s = settings(OptimizerKind.ADAM);
		long array = 4 * VALUES_2048;
		// A GPU with 1 GB of room: the 96 MB of moments fit in its half.
		OptimizerMemory roomy = OptimizerMemory.plan(s, VALUES_2048, false, 3 * GB,
			2 * GB);
		assertFalse(roomy.momentsOnHost());
		assertEquals(4 * array, roomy.deviceBytes());
		assertEquals(0, roomy.hostBytes());
		// A GPU with 150 MB of room: they do not, and go to the host.
		OptimizerMemory shortGpu = OptimizerMemory.plan(s, VALUES_2048, false, 2 *
			GB + 150 * MB, 2 * GB);
		assertTrue(shortGpu.momentsOnHost());
		assertEquals(2 * array, shortGpu.deviceBytes());
		assertEquals(2 * array, shortGpu.hostBytes());
		// The CPU equally short: the host is the same memory, they stay.
		OptimizerMemory shortCpu = OptimizerMemory.plan(s, VALUES_2048, true, 2 *
			GB + 150 * MB, 2 * GB);
		assertFalse(shortCpu.momentsOnHost());
		assertEquals(4 * array, shortCpu.deviceBytes());
	}

	@Test
	void theStylizerBuildsTheOptimizerThePlanDescribes() {
		try (NDManager m = NDManager.newBaseManager()) {
			NDArray start = m.zeros(new ai.djl.ndarray.types.Shape(3 * 16 * 16));
			StyleTransferSettings lbfgs = settings(OptimizerKind.LBFGS);
			OptimizerMemory three = new OptimizerMemory(3, false, 0, 0);
			try (Optimizer o = GatysStylizer.optimizer(lbfgs, three, start)) {
				assertEquals(3, ((Lbfgs) o).historyCapacity());
			}
			StyleTransferSettings adam = settings(OptimizerKind.ADAM);
			try (Optimizer o = GatysStylizer.optimizer(adam, new OptimizerMemory(0,
				true, 0, 0), start))
			{
				assertTrue(((Adam) o).momentsOnHost());
			}
			try (Optimizer o = GatysStylizer.optimizer(adam, new OptimizerMemory(0,
				false, 0, 0), start))
			{
				assertFalse(((Adam) o).momentsOnHost());
			}
		}
	}
}
