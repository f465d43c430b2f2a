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

package org.neuralstyle.fast.train;

import java.nio.file.Path;

/**
 * Watches the training of a fast model; every method is called on the training
 * thread.
 */
public interface FastTrainingListener {

	/**
	 * Once, before the first step, when the training has to wait for another run
	 * in this JVM to finish: only one run at a time may record gradients (see
	 * {@code GradientRecording}).
	 */
	default void waiting() {}

	/**
	 * After every optimizer step, with the losses of the batch it was computed
	 * on.
	 */
	default void stepped(TrainingStep step) {}

	/** After a resumable checkpoint was written. */
	default void checkpointed(int step, Path file) {}

	/**
	 * Something the user should know that does not stop the training, e.g. an
	 * unreadable image.
	 */
	default void warning(String message) {}

	/**
	 * Polled before every step; returning true ends the training and saves the
	 * model as it is.
	 */
	default boolean cancelled() {
		return false;
	}

	/** Hears nothing and never cancels. */
	FastTrainingListener NONE = new FastTrainingListener() {};
}
