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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-over of the gradient from objective to optimizer, and objectives
 * that get it wrong.
 */
class EvaluationTest {

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
	void theGradientOutlivesTheObjectivesScope() {
		try (Adam adam = new Adam(manager.create(new float[] { 2f, -1f }), 0.1)) {
			adam.step(x -> {
				try (NDManager scope = manager.newSubManager()) {
					NDArray gradient = scope.create(new float[] { 1f, -1f });
					return new Evaluation(0f, gradient);
				}
			});
			// Adam's first step moves each parameter by lr against the gradient's
			// sign.
			assertArrayEquals(new float[] { 1.9f, -0.9f }, adam.parameters()
				.toFloatArray(), 1e-6f);
		}
	}

	@Test
	void theOptimizerStartsFromACopyAndLeavesTheCallersArrayAlone() {
		NDArray start = manager.create(new float[] { 2f, -1f });
		try (Adam adam = new Adam(start, 0.1)) {
			adam.step(x -> new Evaluation(0f, x.onesLike()));
			assertArrayEquals(new float[] { 2f, -1f }, start.toFloatArray());
		}
		assertFalse(start.isReleased(),
			"closing the optimizer leaves the caller's array open");
	}

	@Test
	void aGradientOfTheWrongShapeIsRefusedWithAClearMessage() {
		try (Lbfgs lbfgs = Lbfgs.create(manager.create(new float[] { 1f, 2f,
			3f })))
		{
			IllegalStateException e = assertThrows(IllegalStateException.class,
				() -> lbfgs.step(x -> new Evaluation(0f, x.getManager().ones(new Shape(
					2)))));
			assertTrue(e.getMessage().contains("(2)") && e.getMessage().contains(
				"(3)"), e.getMessage());
		}
	}

	@Test
	void aGradientClosedByTheObjectiveIsRefusedWithAClearMessage() {
		try (Lbfgs lbfgs = Lbfgs.create(manager.create(new float[] { 1f }))) {
			IllegalStateException e = assertThrows(IllegalStateException.class,
				() -> lbfgs.step(x -> {
					NDArray gradient = x.onesLike();
					Evaluation evaluation = new Evaluation(0f, gradient);
					gradient.close();
					return evaluation;
				}));
			assertTrue(e.getMessage().contains("closed its gradient"), e
				.getMessage());
		}
	}

	@Test
	void theParameterArrayIsNotAcceptedAsItsOwnGradient() {
		int before = manager.getManagedArrays().size();
		Lbfgs lbfgs = Lbfgs.create(manager.create(new float[] { 1f }));
		assertThrows(IllegalStateException.class, () -> lbfgs.step(
			x -> new Evaluation(0f, x)));
		lbfgs.close();
		assertTrue(lbfgs.parameters().isReleased(),
			"the parameters went back to the optimizer and were freed");
		assertEquals(before + 1, manager.getManagedArrays().size(),
			"only the caller's start array is left");
	}

	@Test
	void theParametersMustBeFloat32() {
		NDArray doubles = manager.create(new double[] { 1, 2 });
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Lbfgs.create(doubles));
		assertTrue(e.getMessage().contains("float32"), e.getMessage());
	}
}
