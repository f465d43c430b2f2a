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

import org.neuralstyle.progress.TimeLeft;
import ij.IJ;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.optimize.LossValues;
import org.neuralstyle.optimize.StylizationListener;
import org.neuralstyle.imagej.planes.ProgressReporter;

/**
 * Progress of an optimization run over one or more planes, in ImageJ's status
 * and progress bars: plane, iteration i/N and the time left. The run stops
 * (keeping what it has) when the user presses Escape, when the thread is
 * interrupted (how SciJava cancels a running module's future). Snapshots go to
 * the progress stack, if there is one.
 */
public final class OptimizationProgress implements ProgressReporter {

	/**
	 * The status bar is redrawn at most this often; every iteration would flood
	 * it on small images.
	 */
	private final Throttle statusThrottle = new Throttle(200);

	private final String task;
	private final int iterations;
	private final ProgressStack stack;
	private final StopRequest stop = new StopRequest(false);
	private final TimeLeft timeLeft = new TimeLeft();
	private volatile int plane;
	private volatile int planes = 1;
	private volatile String where;
	private volatile String status = "";

	/**
	 * @param task starts every status message, e.g. "Stylize (optimize)"
	 * @param iterations iterations per plane
	 * @param stack where snapshots go, or null
	 */
	public OptimizationProgress(String task, int iterations,
		ProgressStack stack)
	{
		this.task = task;
		this.iterations = iterations;
		this.stack = stack;
		// An Escape pressed before this run (e.g. to end an earlier one) must not
		// stop it.
		IJ.resetEscape();
	}

	@Override
	public boolean isCancelled() {
		return stop.requested();
	}

	@Override
	public void planeStarted(int index, int total, String position) {
		plane = index;
		planes = total;
		where = position;
		if (stack != null) stack.startPlane(total > 1 ? position : null);
		show(0, true);
	}

	@Override
	public void finished(int stylized, int total) {
		IJ.showProgress(1.0);
		if (total > 1) show(task + (stylized == total ? ": done, " + total +
			" planes" : ": stopped, " + stylized + " of " + total +
				" planes stylized"));
	}

	/** The engine's view of this progress, for the current plane. */
	public StylizationListener listener() {
		return new StylizationListener() {

			@Override
			public void waiting() {
				// Only one run at a time may record gradients: say why nothing moves
				// yet.
				OptimizationProgress.this.show(task +
					": waiting for the style transfer already running in this ImageJ " +
					"to finish (Esc stops)");
			}

			@Override
			public void iteration(int iteration, LossValues losses) {
				timeLeft.iterationDone(System.nanoTime());
				OptimizationProgress.this.show(iteration, iteration >= iterations);
			}

			@Override
			public void snapshot(int iteration, LossValues losses, RgbImage image,
				Scale scale)
			{
				if (stack != null) stack.add(iteration, losses, image, scale.label());
			}

			@Override
			public boolean cancelled() {
				return isCancelled();
			}
		};
	}

	/** Writes a final word (e.g. the engine's message) to the status bar. */
	public void show(String message) {
		status = message;
		IJ.showStatus(message);
	}

	/** The last status message, as shown (also when there is no status bar). */
	public String status() {
		return status;
	}

	private void show(int iteration, boolean force) {
		if (!statusThrottle.due(force)) return;
		int done = Math.min(iteration, iterations);
		long remaining = (iterations - done) + (long) iterations * (planes - plane -
			1);
		String eta = TimeLeft.format(timeLeft.seconds(remaining));
		show(task + ": " + (planes > 1 ? "plane " + (plane + 1) + "/" + planes +
			" (" + where + "), " : "") + "iteration " + done + "/" + iterations + (eta
				.isEmpty() ? "" : ", " + eta) + " (Esc stops)");
		IJ.showProgress((plane + done / (double) iterations) / planes);
	}
}
