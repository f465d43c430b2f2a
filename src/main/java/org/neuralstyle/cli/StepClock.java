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

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Times a run's repeated steps (iterations, training steps) from the callbacks
 * that end them. The first callback is the start: what comes before it includes
 * one-time set-up. With a profile it also records the process's CPU time over
 * the timed steps and libtorch's profile of one of them.
 */
final class StepClock {

	private final String unit;
	private final boolean profile;
	private final int profiledAfter;
	private final boolean lastIsExtra;
	private long first;
	private long previous;
	private long last;
	private int count;
	private ProcessTimes firstTimes;
	private ProcessTimes previousTimes;
	private ProcessTimes lastTimes;
	private NativeProfile running;
	private NativeProfile.Report report;

	/**
	 * @param unit what a step is called in the figures ("iteration")
	 * @param profile whether to record CPU times and a profile
	 * @param profiledAfter the callback after which the profiled step starts (1:
	 *          the first timed step; later ones skip its warm-up)
	 * @param lastIsExtra whether the last callback ends no step (an optimization
	 *          reports its closing loss, a forward pass only, and is left out)
	 */
	StepClock(String unit, boolean profile, int profiledAfter,
		boolean lastIsExtra)
	{
		this.unit = unit;
		this.profile = profile;
		this.profiledAfter = profiledAfter;
		this.lastIsExtra = lastIsExtra;
	}

	/** A step has ended. */
	void tick() {
		long now = System.nanoTime();
		if (count == 0) first = now;
		previous = last;
		last = now;
		count++;
		if (!profile) return;
		previousTimes = lastTimes;
		lastTimes = ProcessTimes.now();
		if (count == 1) firstTimes = lastTimes;
		try {
			if (count == profiledAfter + 1 && running != null) {
				report = running.stop();
				running = null;
			}
			if (count == profiledAfter) running = NativeProfile.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private int timedSteps() {
		return Math.max(1, count - 1 - (lastIsExtra ? 1 : 0));
	}

	/** Wall-clock seconds per timed step. */
	double secondsPerStep() {
		return ((lastIsExtra ? previous : last) - first) / 1e9 / timedSteps();
	}

	/** CPU seconds per timed step (NaN without /proc). */
	double cpuSecondsPerStep() {
		return ProcessTimes.cpuSeconds(firstTimes, lastTimedTimes()) / timedSteps();
	}

	/** The CPU split and faults per step, then the profile, indented. */
	String profileLines() {
		StringBuilder b = new StringBuilder("  ").append(ProcessTimes.between(
			firstTimes, lastTimedTimes(), timedSteps(), unit)).append(System
				.lineSeparator());
		if (report != null) b.append(report.lines("  ", unit));
		return b.toString();
	}

	private ProcessTimes lastTimedTimes() {
		return lastIsExtra ? previousTimes : lastTimes;
	}
}
