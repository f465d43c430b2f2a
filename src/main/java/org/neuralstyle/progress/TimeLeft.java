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

package org.neuralstyle.progress;

/**
 * How long the rest of a run will take, from the pace so far, in words: the one
 * estimate the command line and Fiji show. The clock starts at the first
 * iteration (or training step), so loading the network and computing the style
 * targets do not count towards the pace.
 */
public final class TimeLeft {

	private long firstNanos = -1;
	private long lastNanos;
	private long iterationsSinceFirst;

	/** One iteration has been done, at {@code nanos} (System.nanoTime). */
	public void iterationDone(long nanos) {
		if (firstNanos < 0) firstNanos = nanos;
		else iterationsSinceFirst++;
		lastNanos = nanos;
	}

	/**
	 * Seconds for {@code remainingIterations} more at the pace so far, or NaN
	 * while there is no pace yet.
	 */
	public double seconds(long remainingIterations) {
		return secondsPerIteration() * Math.max(0, remainingIterations);
	}

	/** Seconds per iteration so far, or NaN while there is no pace yet. */
	public double secondsPerIteration() {
		return iterationsSinceFirst < 1 ? Double.NaN : (lastNanos - firstNanos) /
			1e9 / iterationsSinceFirst;
	}

	/**
	 * "about 3 min 20 s left", "about 40 s left", "less than a second left";
	 * empty without a pace.
	 */
	public static String format(double seconds) {
		return Double.isNaN(seconds) ? "" : words(seconds) + " left";
	}

	/**
	 * A duration as people say it: "less than a second", "about 42 s", "about 3
	 * min 20 s", "about 25 min", "about 2 h 5 min", "about 3 d 4 h". Seconds
	 * matter only while minutes are few.
	 */
	public static String words(double seconds) {
		long s = Math.round(seconds);
		if (s < 1) return "less than a second";
		if (s < 60) return "about " + s + " s";
		if (s < 3600) {
			long min = s / 60, sec = s % 60;
			return min < 10 && sec > 0 ? "about " + min + " min " + sec + " s"
				: "about " + Math.round(s / 60.0) + " min";
		}
		if (s < 86400) {
			long h = s / 3600, min = Math.round((s % 3600) / 60.0);
			if (min == 60) {
				h++;
				min = 0;
			}
			return "about " + h + " h " + min + " min";
		}
		long d = s / 86400, h = Math.round((s % 86400) / 3600.0);
		if (h == 24) {
			d++;
			h = 0;
		}
		return "about " + d + " d " + h + " h";
	}
}
