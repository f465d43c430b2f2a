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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during a long run: the first asks the run to stop after its current
 * step, write what it has and exit 130 the usual way; a second quits at once.
 * <p>
 * Ctrl-C is handled as a signal, not by a shutdown hook: a hook runs while the
 * JVM shuts down, and there {@code System.exit} with the run's exit code blocks
 * for good, so the process ended only when the hook gave up waiting (60 s), and
 * a second Ctrl-C could do nothing. Other ways of ending the process (SIGTERM,
 * a logout) still go through a hook, which asks the run to stop and waits until
 * its result is written, up to {@code grace}.
 */
final class Interruption implements AutoCloseable {

	private final AtomicInteger signals = new AtomicInteger();
	private final CountDownLatch finished = new CountDownLatch(1);
	private final PrintStream err;
	private final String step;
	private final IntConsumer halt;
	private final Thread hook;
	private Signal signal;
	private SignalHandler previous;

	/**
	 * Handles Ctrl-C and shutdowns until {@link #close}; {@code step} names what
	 * finishes first ("iteration").
	 */
	static Interruption install(String step, long graceSeconds) {
		Interruption i = new Interruption(step, graceSeconds, System.err,
			code -> Runtime.getRuntime().halt(code));
		Runtime.getRuntime().addShutdownHook(i.hook);
		try {
			i.signal = new Signal("INT");
			i.previous = Signal.handle(i.signal, s -> i.interrupt());
		}
		catch (IllegalArgumentException | UnsupportedOperationException
				| LinkageError e)
		{
			// The JVM keeps SIGINT (-Xrs) or has no such signal: Ctrl-C goes through
			// the hook.
			i.signal = null;
		}
		return i;
	}

	Interruption(String step, long graceSeconds, PrintStream err,
		IntConsumer halt)
	{
		this.step = step;
		this.err = err;
		this.halt = halt;
		this.hook = new Thread(() -> {
			signals.incrementAndGet();
			try {
				finished.await(graceSeconds, TimeUnit.SECONDS);
			}
			catch (InterruptedException ignored) {
				// the JVM ends anyway
			}
		}, "neural-style shutdown");
	}

	/** What a Ctrl-C does. */
	void interrupt() {
		if (signals.incrementAndGet() == 1) {
			err.println();
			err.println("Stopping after this " + step +
				" to write the result; press Ctrl-C again to quit without it.");
			err.flush();
		}
		else {
			err.println("Quit.");
			err.flush();
			halt.accept(ExitCodes.INTERRUPTED);
		}
	}

	/** Whether the run was asked to stop. */
	boolean requested() {
		return signals.get() > 0;
	}

	/**
	 * Call once the result is written: restores Ctrl-C and lets a pending
	 * shutdown end the process.
	 */
	@Override
	public void close() {
		finished.countDown();
		if (signal != null) Signal.handle(signal, previous);
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException | IllegalArgumentException shuttingDown) {
			// the hook is running, or was never added (tests): nothing to remove
		}
	}
}
