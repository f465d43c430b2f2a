package org.neuralstyle.optimize;

import org.neuralstyle.image.RgbImage;

/**
 * Watches an optimization run. "Iteration" N is the state after N updates of the image;
 * iteration 0 is the initial image, reported before the first update.
 */
public interface StylizationListener {

	/**
	 * Called once, before the first iteration, when the run has to wait for another one in this JVM
	 * to finish: only one run at a time may record gradients (see {@code GradientRecording}).
	 */
	default void waiting() {}

	/** Called at every evaluated iteration with its losses. */
	default void iteration(int iteration, LossValues losses) {}

	/** Called every {@code snapshotEvery} iterations (and at the end) with the current image. */
	default void snapshot(int iteration, LossValues losses, RgbImage image) {}

	/** Polled between iterations; returning true stops the run, keeping the image so far. */
	default boolean cancelled() {
		return false;
	}
}
