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

package org.neuralstyle.imagej.progress;

/**
 * Lets a display update through at most once per interval, and always when it
 * is the last or forced one: ImageJ's status bar and plots redrawn for every
 * one of thousands of iterations or download chunks would cost more than the
 * work they report.
 */
public final class Throttle {

	private final long intervalNanos;
	private long lastNanos;
	private boolean started;

	public Throttle(long intervalMillis) {
		this.intervalNanos = intervalMillis * 1_000_000L;
	}

	/** Whether to update now; if so, the interval starts again. */
	public boolean due(boolean force) {
		long now = System.nanoTime();
		if (!force && started && now - lastNanos < intervalNanos) return false;
		lastNanos = now;
		started = true;
		return true;
	}
}
