package org.neuralstyle.optim;

import ai.djl.ndarray.NDManager;

import java.util.Arrays;

/**
 * Restores an Adam state in a JVM of its own, so that a test can read what PyTorch's native code
 * writes to the process's stderr on the way (which no in-process capture of System.err sees).
 * Exits 0 when the state comes back as saved.
 */
public final class AdamRestoreProbe {

	public static void main(String[] args) {
		try (NDManager manager = NDManager.newBaseManager()) {
			Adam adam = new Adam(manager.zeros(new ai.djl.ndarray.types.Shape(2, 3)), 0.1);
			Adam.State saved = new Adam.State(new float[] {1, 2, 3, 4, 5, 6}, new float[] {6, 5, 4, 3, 2, 1}, 7);
			adam.restore(saved);
			System.gc(); // the restored moments must not live in Java buffers the collector may free
			Adam.State back = adam.state();
			boolean same = Arrays.equals(saved.firstMoment(), back.firstMoment())
				&& Arrays.equals(saved.secondMoment(), back.secondMoment()) && back.steps() == 7;
			System.out.println(same ? "restored" : "differs: " + Arrays.toString(back.firstMoment()));
			System.exit(same ? 0 : 1);
		}
	}
}
