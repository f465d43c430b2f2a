package org.neuralstyle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The PyTorch engine starts offline from the native jar on the class path. */
class EngineSmokeTest {

	@Test
	void pytorchEngineStartsOffline() {
		assertEquals("PyTorch", Engine.getInstance().getEngineName());
		try (NDManager m = NDManager.newBaseManager()) {
			NDArray a = m.create(new float[] {1, 2, 3});
			assertEquals(14f, a.dot(a).getFloat(), 1e-6);
		}
	}
}
