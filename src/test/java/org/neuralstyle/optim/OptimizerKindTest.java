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
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.neuralstyle.optimize.StyleTransferSettings;

class OptimizerKindTest {

	@Test
	void namesAreMatchedLeniently() {
		assertEquals(OptimizerKind.LBFGS, OptimizerKind.fromName("lbfgs"));
		assertEquals(OptimizerKind.LBFGS, OptimizerKind.fromName(" L-BFGS "));
		assertEquals(OptimizerKind.ADAM, OptimizerKind.fromName("Adam"));
	}

	@Test
	void anUnknownNameSaysWhatIsAvailable() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OptimizerKind.fromName("sgd"));
		assertTrue(e.getMessage().contains("'sgd'") && e.getMessage().contains(
			"lbfgs, adam"), e.getMessage());
	}

	@Test
	void eachKindHasOneDefaultLearningRate() {
		assertEquals(1, OptimizerKind.LBFGS.defaultLearningRate());
		assertEquals(0.02, OptimizerKind.ADAM.defaultLearningRate());
		StyleTransferSettings settings = new StyleTransferSettings();
		settings.optimizer = OptimizerKind.ADAM;
		assertEquals(0.02, settings.effectiveLearningRate(),
			"the settings take the kind's default");
	}

	@Test
	void eachOptimizerStartsFromACopyOfTheStart() {
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray start = manager.create(new float[] { 1f, 2f });
			try (Optimizer lbfgs = Lbfgs.builder().build(start);
					Optimizer adam = new Adam(start, 0.1))
			{
				start.set(new float[] { 7f, 8f });
				assertArrayEquals(new float[] { 1f, 2f }, lbfgs.parameters()
					.toFloatArray(), "L-BFGS keeps its own copy");
				assertArrayEquals(new float[] { 1f, 2f }, adam.parameters()
					.toFloatArray(), "Adam keeps its own copy");
				assertNotSame(start, lbfgs.parameters());
				assertNotSame(start, adam.parameters());
			}
		}
	}
}
