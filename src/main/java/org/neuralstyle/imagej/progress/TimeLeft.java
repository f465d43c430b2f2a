package org.neuralstyle.imagej.progress;

/**
 * How long the rest of a run will take, from the pace so far. The clock starts at the first
 * iteration, so loading the network and computing the style targets do not count towards the
 * pace of the iterations.
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

	/** Seconds for {@code remainingIterations} more at the pace so far, or NaN while there is no pace yet. */
	public double seconds(long remainingIterations) {
		if (iterationsSinceFirst < 1) return Double.NaN;
		double perIteration = (lastNanos - firstNanos) / 1e9 / iterationsSinceFirst;
		return perIteration * Math.max(0, remainingIterations);
	}

	/** "about 3 min 20 s left", "about 40 s left", "less than a second left"; empty without a pace. */
	public static String format(double seconds) {
		if (Double.isNaN(seconds)) return "";
		long s = Math.round(seconds);
		if (s < 1) return "less than a second left";
		if (s < 60) return "about " + s + " s left";
		if (s < 3600) {
			// Seconds matter only while minutes are few.
			long min = s / 60, sec = s % 60;
			return min < 10 && sec > 0 ? "about " + min + " min " + sec + " s left" : "about " + Math.round(s / 60.0) + " min left";
		}
		long h = s / 3600, min = Math.round((s % 3600) / 60.0);
		if (min == 60) {
			h++;
			min = 0;
		}
		return "about " + h + " h " + min + " min left";
	}
}
