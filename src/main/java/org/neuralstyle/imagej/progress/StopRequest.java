package org.neuralstyle.imagej.progress;

import ij.IJ;

/**
 * Whether the user asked a running command to stop: Escape in ImageJ, or SciJava interrupting the
 * command's thread (how Fiji cancels a module). Once seen, the request sticks, so a run that
 * checks again later does not resume because the key was released or the flag cleared.
 */
final class StopRequest {

	private final boolean clearInterrupt;
	private volatile boolean requested;

	/**
	 * @param clearInterrupt whether to clear the thread's interrupt flag when it is seen, so that
	 *        the run can still write what it has (a trained model) after the request
	 */
	StopRequest(boolean clearInterrupt) {
		this.clearInterrupt = clearInterrupt;
	}

	boolean requested() {
		boolean interrupted = clearInterrupt ? Thread.interrupted() : Thread.currentThread().isInterrupted();
		if (IJ.escapePressed() || interrupted) requested = true;
		return requested;
	}
}
