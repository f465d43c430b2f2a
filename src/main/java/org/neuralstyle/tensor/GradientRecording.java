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

package org.neuralstyle.tensor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Turns at recording gradients, one run at a time in the whole JVM. DJL's
 * PyTorch engine allows one {@code GradientCollector} at a time, across all
 * threads: a second run that opens one while the first records (a Fiji user
 * starting Stylize (optimize) while another runs) fails with "A
 * PtGradientCollector is already collecting". A run that records gradients
 * therefore takes the turn for its whole length, and the next one waits for it,
 * first in line first served.
 */
public final class GradientRecording {

	private static final ReentrantLock TURN = new ReentrantLock(true);

	/** How often a waiting run asks whether it was cancelled. */
	private static final long POLL_MILLIS = 100;

	private GradientRecording() {}

	/** The turn of one run; closing it lets the next run go. */
	public static final class Turn implements AutoCloseable {

		private boolean held;

		private Turn(boolean held) {
			this.held = held;
		}

		/**
		 * False when the run was cancelled (or interrupted) while it waited: it
		 * must record nothing.
		 */
		public boolean held() {
			return held;
		}

		@Override
		public void close() {
			if (held) TURN.unlock();
			held = false;
		}
	}

	/**
	 * Takes the turn, waiting while another run holds it. {@code waiting} runs
	 * once when the run has to wait, so the user hears why nothing happens;
	 * {@code cancelled} is polled meanwhile, and a cancel (or an interrupt, whose
	 * flag stays set) ends the wait with a turn not {@link Turn#held()}. Close
	 * the turn on the thread that took it.
	 */
	public static Turn take(Runnable waiting, BooleanSupplier cancelled) {
		if (TURN.tryLock()) return new Turn(true);
		waiting.run();
		try {
			while (!TURN.tryLock(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				if (cancelled.getAsBoolean()) return new Turn(false);
			}
			return new Turn(true);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Turn(false);
		}
	}
}
