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

package org.neuralstyle.cli;

import java.io.PrintStream;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.neuralstyle.progress.TimeLeft;

/**
 * The progress of a long run (iterations, images, training steps) as a bar on a
 * terminal, with the current losses and the time left. Logs and pipes get the
 * commands' own lines instead, which {@link #isBar()} tells them to print.
 */
final class RunProgress implements AutoCloseable {

	private ProgressBar bar;
	private final TimeLeft timeLeft = new TimeLeft();

	private RunProgress(ProgressBar bar) {
		this.bar = bar;
	}

	/** A bar on stderr when there is a terminal to show it on, else none. */
	static RunProgress start(String task, long total) {
		return System.console() != null ? bar(task, total,
			new ConsoleProgressBarConsumer(System.err)) : new RunProgress(null);
	}

	/**
	 * A bar drawn {@code width} characters wide on {@code out}, whatever it is.
	 */
	static RunProgress bar(String task, long total, PrintStream out, int width) {
		return bar(task, total, new ConsoleProgressBarConsumer(out, width));
	}

	private static RunProgress bar(String task, long total,
		ConsoleProgressBarConsumer consumer)
	{
		// The library's own estimate is hidden: the time left reads as everywhere
		// else in the product.
		return new RunProgress(new ProgressBarBuilder().setTaskName(task)
			.setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setConsumer(
				consumer).hideEta().setUpdateIntervalMillis(250).build());
	}

	/**
	 * Whether a bar shows the progress; when not, the caller prints its lines.
	 */
	boolean isBar() {
		return bar != null;
	}

	/**
	 * {@code done} of the total are done; {@code status} is shown beside the bar
	 * (the losses).
	 */
	void update(long done, String status) {
		timeLeft.iterationDone(System.nanoTime());
		if (bar == null) return;
		// L-BFGS may evaluate more often than asked: the bar grows rather than
		// overflowing.
		if (done > bar.getMax()) bar.maxHint(done);
		String left = TimeLeft.format(timeLeft.seconds(bar.getMax() - done));
		bar.stepTo(done).setExtraMessage(left.isEmpty() ? status : status + ", " +
			left);
	}

	@Override
	public void close() {
		// Closed once: a run's listener may close it early and again with its other
		// resources.
		if (bar != null) bar.close();
		bar = null;
	}
}
