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

import ij.IJ;

/**
 * Whether the user asked a running command to stop: Escape in ImageJ, or
 * SciJava interrupting the command's thread (how Fiji cancels a module). Once
 * seen, the request sticks, so a run that checks again later does not resume
 * because the key was released or the flag cleared.
 */
final class StopRequest {

	private final boolean clearInterrupt;
	private volatile boolean requested;

	/**
	 * @param clearInterrupt whether to clear the thread's interrupt flag when it
	 *          is seen, so that the run can still write what it has (a trained
	 *          model) after the request
	 */
	StopRequest(boolean clearInterrupt) {
		this.clearInterrupt = clearInterrupt;
	}

	boolean requested() {
		boolean interrupted = clearInterrupt ? Thread.interrupted() : Thread
			.currentThread().isInterrupted();
		if (IJ.escapePressed() || interrupted) requested = true;
		return requested;
	}
}
