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

package org.neuralstyle.optimize;

import org.neuralstyle.image.RgbImage;

/**
 * Watches an optimization run. "Iteration" N is the state after N updates of
 * the image; iteration 0 is the initial image, reported before the first
 * update.
 */
public interface StylizationListener {

	/**
	 * Called once, before the first iteration, when the run has to wait for
	 * another one in this JVM to finish: only one run at a time may record
	 * gradients (see {@code GradientRecording}).
	 */
	default void waiting() {}

	/** Called at every evaluated iteration with its losses. */
	default void iteration(int iteration, LossValues losses) {}

	/**
	 * Called every {@code snapshotEvery} iterations (and at the end) with the
	 * current image.
	 */
	default void snapshot(int iteration, LossValues losses, RgbImage image) {}

	/**
	 * The same, with the scale the image was optimized at; the image itself is
	 * always at the final working size (upsampled from a smaller scale), so all
	 * snapshots of a run have one size. The engine calls this one: listeners that
	 * do not show the scale need not override it.
	 */
	default void snapshot(int iteration, LossValues losses, RgbImage image,
		Scale scale)
	{
		snapshot(iteration, losses, image);
	}

	/**
	 * Called when a scale of the run starts (once, with {@code count} 1, for a
	 * one-scale run).
	 */
	default void scaleStarted(Scale scale) {}

	/**
	 * One scale of a run: {@code index} from 1 to {@code count}, the size it is
	 * optimized at, and its share of the iterations. Iterations are numbered
	 * through the whole run, not per scale.
	 */
	record Scale(int index, int count, int width, int height, int iterations) {

		/** "scale 2/3" for a run of several scales, "" for one. */
		public String label() {
			return count > 1 ? "scale " + index + "/" + count : "";
		}
	}

	/**
	 * Polled between iterations; returning true stops the run, keeping the image
	 * so far.
	 */
	default boolean cancelled() {
		return false;
	}
}
