package org.neuralstyle.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both optimizers minimize the Rosenbrock function, with objectives evaluated by DJL autograd. */
class ConvergenceTest {

	private static final float[] START_10D = {-1.2f, 1f, -0.5f, 0.8f, 1.3f, -0.9f, 0.2f, 1.1f, -1.4f, 0.6f};

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
		assertReachesOnes(Lbfgs.create(manager.create(new float[] {-1.2f, 1f})), 300, 1e-4f);
	}

	@Test
	void lbfgsMinimizesRosenbrock10d() {
		assertReachesOnes(Lbfgs.create(manager.create(START_10D)), 400, 1e-4f);
	}

	@Test
	void adamMinimizesRosenbrock2d() {
		assertReachesOnes(new Adam(manager.create(new float[] {-1.2f, 1f}), 0.02), 4000, 1e-3f);
	}

	@Test
	void adamMinimizesRosenbrock10d() {
		assertReachesOnes(new Adam(manager.create(new float[10]), 0.02), 6000, 1e-3f);
	}

	@Test
	void lbfgsStopsOnConvergenceAndTheCallerCanTellWhy() {
		try (Lbfgs lbfgs = Lbfgs.create(manager.create(new float[] {-1.2f, 1f}))) {
			AutogradObjective objective = AutogradObjective.of(AutogradObjective::rosenbrock);
			lbfgs.step(objective);
			assertEquals(20, lbfgs.evaluations(), "one default step is 20 evaluations");
			assertEquals(20, objective.evaluations());
			assertTrue(!lbfgs.converged(), "the first step ends on its iteration budget");
			int steps = 1;
			while (!lbfgs.converged()) {
				lbfgs.step(objective);
				steps++;
				assertTrue(steps < 50, "L-BFGS never reported convergence");
			}
			assertEquals(objective.evaluations(), lbfgs.evaluations());
			assertArrayEquals(new float[] {1f, 1f}, lbfgs.parameters().toFloatArray(), 1e-4f);
		}
	}

	@Test
	void clampingInsideTheObjectiveKeepsTheParametersInTheBox() {
		// The unconstrained minimum (1, ..., 1) lies outside [0, 0.5]: the clamped run ends on
		// the box, as the stylizer's image stays in [0, 1].
		try (Lbfgs lbfgs = Lbfgs.create(manager.create(new float[] {0.1f, 0.2f, 0.3f}))) {
			AutogradObjective objective = AutogradObjective.clamped(AutogradObjective::rosenbrock, 0f, 0.5f);
			for (int step = 0; step < 10 && !lbfgs.converged(); step++) {
				lbfgs.step(objective);
			}
			// Torch's LBFGS also updates once after the last evaluation, so clamp as the next evaluation would.
			float[] x = lbfgs.parameters().clip(0f, 0.5f).toFloatArray();
			assertEquals(0.5f, x[0], 1e-3f, Arrays.toString(x));
			assertTrue(AutogradObjective.rosenbrock(manager.create(x)).getFloat() < 0.4f, Arrays.toString(x));
		}
	}

	private void assertReachesOnes(Optimizer optimizer, int maxEvaluations, float tolerance) {
		try (optimizer) {
			AutogradObjective objective = AutogradObjective.of(AutogradObjective::rosenbrock);
			while (optimizer.evaluations() < maxEvaluations && !optimizer.converged()) {
				optimizer.step(objective);
			}
			NDArray x = optimizer.parameters();
			float[] ones = new float[(int) x.size()];
			Arrays.fill(ones, 1f);
			assertArrayEquals(ones, x.toFloatArray(), tolerance, "after " + optimizer.evaluations() + " evaluations");
		}
	}
}
