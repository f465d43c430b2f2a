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
import org.neuralstyle.imagej.planes.ProgressReporter;

/**
 * Progress in ImageJ's status bar and progress bar; cancelled by the Escape
 * key, by an interrupt of the working thread (how SciJava cancels a running
 * module's future) or by {@link #cancel()} (e.g. from a Stop button). Does
 * nothing visible when headless.
 */
public final class StatusBarProgress implements ProgressReporter {

	private final String task;
	private final StopRequest stop = new StopRequest(false);
	private volatile int index;
	private volatile int total = 1;
	private volatile String where = "";

	/** {@code task} starts every status message, e.g. "Stylize (fast model)". */
	public StatusBarProgress(String task) {
		this.task = task;
		IJ.resetEscape();
	}

	@Override
	public void planeStarted(int index, int total, String where) {
		this.index = index;
		this.total = total;
		this.where = where;
		IJ.showStatus(task + ": plane " + (index + 1) + "/" + total + " (" + where +
			")");
		IJ.showProgress(index, total);
	}

	@Override
	public void planeProgress(double fraction) {
		IJ.showProgress((index + Math.min(Math.max(fraction, 0), 1)) / total);
	}

	/**
	 * Progress within the plane counted in steps, e.g. "tile 3/12", in the status
	 * and progress bars.
	 */
	public void planeSteps(int done, int steps, String unit) {
		IJ.showStatus(task + ": " + (total > 1 ? "plane " + (index + 1) + "/" +
			total + " (" + where + "), " : "") + unit + " " + done + "/" + steps +
			" (Esc stops)");
		planeProgress(steps > 0 ? done / (double) steps : 1);
	}

	@Override
	public void finished(int stylized, int total) {
		IJ.showProgress(1.0);
		IJ.showStatus(stylized == total ? task + ": done" : task + ": cancelled, " +
			stylized + " of " + total + " planes stylized");
	}

	@Override
	public boolean isCancelled() {
		return stop.requested();
	}
}
