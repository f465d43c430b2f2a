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

import org.junit.jupiter.api.Test;

/**
 * Adam with its moments on the host makes the same updates as with its moments
 * on the device. On the CPU the host is the same memory, but the host path
 * still copies the gradient out and the update back, so this runs that path.
 */
class AdamOnHostTest {

	private static final float[] START = { -1.2f, 1f, -0.5f, 0.8f, 1.3f, -0.9f,
		0.2f, 1.1f, -1.4f, 0.6f };

	@Test
	void momentsOnTheHostGiveTheSameIteratesBitForBit() {
		try (NDManager m = NDManager.newBaseManager();
				Adam device = new Adam(m.create(START), 0.01);
				Adam host = Adam.onHost(m.create(START), 0.01))
		{
			assertFalse(device.momentsOnHost());
			assertTrue(host.momentsOnHost());
			AutogradObjective a = AutogradObjective.of(AutogradObjective::rosenbrock);
			AutogradObjective b = AutogradObjective.of(AutogradObjective::rosenbrock);
			for (int i = 0; i < 50; i++) {
				assertEquals(device.step(a), host.step(b), 0f, "loss at step " + i);
				assertArrayEquals(device.parameters().toFloatArray(), host.parameters()
					.toFloatArray(), 0f, "parameters after step " + i);
			}
			Adam.State d = device.state(), h = host.state();
			assertArrayEquals(d.firstMoment(), h.firstMoment(), 0f);
			assertArrayEquals(d.secondMoment(), h.secondMoment(), 0f);
			assertEquals(d.steps(), h.steps());
		}
	}

	@Test
	void aHostStateRestoresAndClosesWithoutLeaks() {
		try (NDManager m = NDManager.newBaseManager()) {
			NDArray start = m.create(START);
			Adam.State saved;
			try (Adam first = Adam.onHost(start, 0.01)) {
				AutogradObjective f = AutogradObjective.of(
					AutogradObjective::rosenbrock);
				for (int i = 0; i < 5; i++)
					first.step(f);
				saved = first.state();
			}
			try (Adam resumed = Adam.onHost(start, 0.01)) {
				resumed.restore(saved);
				assertEquals(5, resumed.steps());
				assertArrayEquals(saved.firstMoment(), resumed.state().firstMoment(),
					0f);
			}
			// Each optimizer's arrays, the host ones included, went with it: only
			// the start is left.
			assertEquals(1, m.getManagedArrays().size(), "arrays left: " + m
				.getManagedArrays().size());
		}
	}
}
