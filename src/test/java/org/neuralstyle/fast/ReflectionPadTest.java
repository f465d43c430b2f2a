package org.neuralstyle.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

/** Reflection padding as PyTorch's ReflectionPad2d: the edge pixel is the mirror, not repeated. */
class ReflectionPadTest {

	@Test
	void mirrorsAboutTheEdgePixels() {
		try (NDManager manager = NDManager.newBaseManager()) {
			// rows [1 2 3 4] and [5 6 7 8]
			NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(1, 1, 2, 4));
			NDArray padded = ReflectionPad.pad(x, 1, 0, 2, 3);
			assertEquals(new Shape(1, 1, 3, 9), padded.getShape());
			assertArrayEquals(new float[] {
				7, 6, 5, 6, 7, 8, 7, 6, 5,
				3, 2, 1, 2, 3, 4, 3, 2, 1,
				7, 6, 5, 6, 7, 8, 7, 6, 5}, padded.toFloatArray());
		}
	}

	@Test
	void needsMorePixelsThanItPads() {
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray x = manager.zeros(new Shape(1, 3, 4, 4));
			assertThrows(IllegalArgumentException.class, () -> ReflectionPad.pad(x, 4));
		}
	}
}
