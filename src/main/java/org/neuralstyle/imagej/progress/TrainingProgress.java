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
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.neuralstyle.fast.train.FastTrainingListener;
import org.neuralstyle.fast.train.TrainingStep;

/**
 * Progress of a fast-model training in ImageJ: step, losses and time left in
 * the status bar, the progress bar, and the losses in a live plot when windows
 * may open. The training stops (saving the model so far) when the user presses
 * Escape or the thread is interrupted (how SciJava cancels a running module).
 * Warnings go to the log.
 */
public final class TrainingProgress implements FastTrainingListener {

	/**
	 * Redraw the status bar at most this often: small images train many steps a
	 * second.
	 */
	private final Throttle statusThrottle = new Throttle(200);

	private final String task;
	private final LossPlot plot;
	private final Consumer<String> log;
	private final TimeLeft timeLeft = new TimeLeft();
	private volatile String status = "";
	private final StopRequest stop = new StopRequest(true);

	/**
	 * @param plot the live plot, or null when no window may open
	 * @param log where warnings are written
	 */
	public TrainingProgress(String task, LossPlot plot, Consumer<String> log) {
		this.task = task;
		this.plot = plot;
		this.log = log;
		// An Escape pressed before this run (e.g. to end an earlier one) must not
		// stop it.
		IJ.resetEscape();
	}

	@Override
	public void stepped(TrainingStep step) {
		timeLeft.iterationDone(System.nanoTime());
		if (plot != null) plot.add(step);
		if (!statusThrottle.due(step.step() == step.steps())) return;
		String left = TimeLeft.format(timeLeft.seconds(step.steps() - step.step()));
		if (!left.isEmpty()) left = ", " + left;
		show(String.format(Locale.ROOT,
			"%s: step %d/%d, content %.4g, style %.4g%s (Esc stops and saves)", task,
			step.step(), step.steps(), step.content(), step.style(), left));
		IJ.showProgress(step.step(), step.steps());
	}

	@Override
	public void waiting() {
		show(task +
			": waiting for the style transfer already running in this ImageJ to finish (Esc stops)");
	}

	@Override
	public void checkpointed(int step, Path file) {
		log.accept(task + ": checkpoint of step " + step + " in " + file);
	}

	@Override
	public void warning(String message) {
		log.accept(task + ": " + message);
	}

	@Override
	public boolean cancelled() {
		// The interrupt is taken (cleared), not only seen: saving the model writes
		// through a FileChannel, which an interrupted thread cannot use.
		return stop.requested();
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

}
