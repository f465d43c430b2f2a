package org.neuralstyle.cli;

/** Process exit codes of the command line. */
final class ExitCodes {
	static final int OK = 0;
	/** Bad input, unreadable or missing files, unavailable weights. */
	static final int ERROR = 1;
	/** Wrong options (picocli's usage error code). */
	static final int USAGE = 2;
	/** The optimization diverged; the last good image was written. */
	static final int DIVERGED = 3;
	/** Interrupted (Ctrl-C); what had been produced was written. */
	static final int INTERRUPTED = 130;

	private ExitCodes() {}
}
