package org.neuralstyle.fast.train;

import java.nio.file.Path;

/** Watches the training of a fast model; every method is called on the training thread. */
public interface FastTrainingListener {

	/**
	 * Once, before the first step, when the training has to wait for another run in this JVM to
	 * finish: only one run at a time may record gradients (see {@code GradientRecording}).
	 */
	default void waiting() {}

	/** After every optimizer step, with the losses of the batch it was computed on. */
	default void stepped(TrainingStep step) {}

	/** After a resumable checkpoint was written. */
	default void checkpointed(int step, Path file) {}

	/** Something the user should know that does not stop the training, e.g. an unreadable image. */
	default void warning(String message) {}

	/** Polled before every step; returning true ends the training and saves the model as it is. */
	default boolean cancelled() {
		return false;
	}

	/** Hears nothing and never cancels. */
	FastTrainingListener NONE = new FastTrainingListener() {};
}
