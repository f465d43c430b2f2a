package org.neuralstyle.optimize;

import org.neuralstyle.image.RgbImage;

/**
 * What a run produced: the image (at the working size), how many iterations it made, its last
 * losses, and why it stopped. A cancelled or diverged run still carries its best image.
 */
public record StylizationResult(RgbImage image, int iterations, LossValues losses, Outcome outcome, String message) {

	public enum Outcome {
		/** All requested iterations done. */
		COMPLETED,
		/** The optimizer stopped early: the gradient or the change fell below its tolerance. */
		CONVERGED,
		/** The listener asked to stop. */
		CANCELLED,
		/** The loss became NaN or infinite; the image is the last one with finite loss. */
		DIVERGED
	}
}
