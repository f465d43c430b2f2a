package org.neuralstyle.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class OptimizerKindTest {

	@Test
	void namesAreMatchedLeniently() {
		assertEquals(OptimizerKind.LBFGS, OptimizerKind.fromName("lbfgs"));
		assertEquals(OptimizerKind.LBFGS, OptimizerKind.fromName(" L-BFGS "));
		assertEquals(OptimizerKind.ADAM, OptimizerKind.fromName("Adam"));
	}

	@Test
	void anUnknownNameSaysWhatIsAvailable() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimizerKind.fromName("sgd"));
		assertTrue(e.getMessage().contains("'sgd'") && e.getMessage().contains("lbfgs, adam"), e.getMessage());
	}

	@Test
	void eachKindCreatesItsOptimizerFromACopyOfTheStart() {
		try (NDManager manager = NDManager.newBaseManager()) {
			float[] start = {1f, 2f};
			try (Optimizer lbfgs = OptimizerKind.LBFGS.create(manager.create(start), 1);
				Optimizer adam = OptimizerKind.ADAM.create(manager.create(start), OptimizerKind.ADAM.defaultLearningRate()))
			{
				assertInstanceOf(Lbfgs.class, lbfgs);
				assertInstanceOf(Adam.class, adam);
				assertEquals(0, lbfgs.evaluations());
				assertEquals(1e-3, OptimizerKind.ADAM.defaultLearningRate());
				assertEquals(1, OptimizerKind.LBFGS.defaultLearningRate());
			}
		}
	}
}
