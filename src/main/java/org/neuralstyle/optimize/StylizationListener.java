package org.neuralstyle.optimize;

import org.neuralstyle.image.RgbImage;

/**
 * Watches an optimization run. "Iteration" N is the state after N updates of the image;
 * iteration 0 is the initial image, reported before the first update.
 */
public interface StylizationListener {

	/** Called at every evaluated iteration with its losses. */
	default void iteration(int iteration, LossValues losses) {}

	/** Called every {@code snapshotEvery} iterations (and at the end) with the current image. */
	default void snapshot(int iteration, LossValues losses, RgbImage image) {}

	/** Polled between iterations; returning true stops the run, keeping the image so far. */
	default boolean cancelled() {
		return false;
	}
}
