package org.neuralstyle.imagej.progress;

/**
 * Lets a display update through at most once per interval, and always when it is the last or
 * forced one: ImageJ's status bar and plots redrawn for every one of thousands of iterations or
 * download chunks would cost more than the work they report.
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
