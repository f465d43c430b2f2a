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

package org.neuralstyle.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Runs the engine's work on a thread whose C allocations come from glibc's main
 * arena, the heap that grows with {@code brk}.
 * <p>
 * Why: glibc gives threads other than the process's first their own arenas,
 * made of heaps of at most 64 MB. There a block larger than a heap (a VGG map
 * of 64 channels at 512² is 64 MiB, a fast model's 32 channels at 1024² are 128
 * MiB) is mapped with mmap and unmapped when freed whatever {@code M_MMAP_MAX}
 * says, and a heap left empty is unmapped: the kernel zeroes those pages again
 * for every operator of every iteration. Only the main arena serves blocks of
 * every size from one heap and keeps them ({@link NativeMemory}'s settings).
 * Measured on a 2-core AMD EPYC: an optimization iteration at 512² 1.31 s with
 * 23 % system time on a JVM thread, 0.77 s with 8 % with every thread on the
 * main arena ({@code MALLOC_ARENA_MAX=1}, which a Fiji plugin cannot set); a
 * fast 1024² image 2.84 s against 2.00 s.
 * <p>
 * Java never runs on the process's first thread (the launcher waits there), so
 * no JVM thread is on the main arena by birth. glibc hands a new thread an
 * existing arena in turn once the arenas reach their limit (8 per core), the
 * main arena among them; so threads are started until one's first allocation
 * lies in the {@code [heap]} mapping, that one is kept for the engine and the
 * others end. Where none is found (not glibc, or the limit is far off) the work
 * runs on the caller's thread as before. One thread serves one run at a time: a
 * second run while it is busy runs on its caller's thread, slower but not
 * queued behind the first. The arithmetic does not depend on the thread: the
 * blocks have the same alignment wherever they come from.
 */
public final class MainArena {

	/**
	 * Threads tried before giving up: enough for the arena limit of a machine
	 * with 16 cores (8 per core) twice over.
	 */
	private static final int MAX_PROBES = 256;

	private static Worker worker;
	private static boolean probed;
	private static String state = "engine on the caller's thread";
	private static final AtomicBoolean busy = new AtomicBoolean();

	private MainArena() {}

	/** Work that returns a result and may throw {@code E}. */
	@FunctionalInterface
	public interface Work<T, E extends Exception> {

		T run() throws E;
	}

	/**
	 * Runs {@code work} on the main arena's thread when there is one and it is
	 * free, else on this thread, and returns its result or throws what it threw.
	 * The caller's context class loader goes with the work (DJL finds its engine
	 * through it). An interrupt of the caller is passed on to the work, and the
	 * caller still waits until the work has ended, so that a stopped run's result
	 * is written before this returns; the caller's interrupt flag ends as the
	 * work's did.
	 */
	@SuppressWarnings("unchecked")
	public static <T, E extends Exception> T call(Work<T, E> work) throws E {
		Worker w = worker();
		if (w == null || Thread.currentThread() == w || !busy.compareAndSet(false,
			true)) return work.run();
		Interrupts interrupts = new Interrupts();
		if (Thread.interrupted()) interrupts.interrupt();
		try {
			ClassLoader loader = Thread.currentThread().getContextClassLoader();
			FutureTask<T> task = new FutureTask<>(() -> {
				Thread self = Thread.currentThread();
				interrupts.started(self);
				ClassLoader own = self.getContextClassLoader();
				self.setContextClassLoader(loader);
				try {
					return work.run();
				}
				finally {
					self.setContextClassLoader(own);
					interrupts.ended();
				}
			});
			while (true) {
				try {
					w.tasks.put(task);
					break;
				}
				catch (InterruptedException e) {
					interrupts.interrupt();
				}
			}
			while (true) {
				try {
					return task.get();
				}
				catch (InterruptedException e) {
					interrupts.interrupt();
				}
				catch (ExecutionException e) {
					Throwable cause = e.getCause();
					if (cause instanceof RuntimeException r) throw r;
					if (cause instanceof Error r) throw r;
					throw (E) cause;
				}
			}
		}
		finally {
			busy.set(false);
			if (interrupts.left()) Thread.currentThread().interrupt();
		}
	}

	/**
	 * One call's interrupt status, kept as if the caller and the work were one
	 * thread: an interrupt before the work starts is set when it starts, one
	 * while it runs goes to it at once, one after it ended stays with the caller,
	 * and the caller ends with the flag the work ended with (a run that took the
	 * stop and cleared it, to write what it has, does not leave the caller
	 * interrupted: Fiji then still shows the result).
	 */
	private static final class Interrupts {

		private Thread runner;
		private boolean pending, done, left;

		synchronized void started(Thread self) {
			runner = self;
			if (pending) self.interrupt();
		}

		synchronized void ended() {
			done = true;
			runner = null;
			left = Thread.interrupted();
		}

		synchronized void interrupt() {
			if (done) left = true;
			else if (runner != null) runner.interrupt();
			else pending = true;
		}

		synchronized boolean left() {
			return left;
		}
	}

	/**
	 * Whether the engine has a thread on glibc's main arena, in a few words (for
	 * the benchmarks' first lines). Finds the thread if not done yet.
	 */
	public static synchronized String describe() {
		worker();
		return state;
	}

	private static synchronized Worker worker() {
		if (!probed) {
			probed = true;
			worker = find();
		}
		return worker;
	}

	/** Starts threads until one is on the main arena; null if none is. */
	private static Worker find() {
		if (!Platform.isLinux() || heap() == null) return null;
		List<Worker> tried = new ArrayList<>();
		try {
			for (int i = 1; i <= MAX_PROBES; i++) {
				Worker w = new Worker();
				w.start();
				// Kept alive while probing: an ended thread's arena goes to the next.
				tried.add(w);
				if (w.onMainArena()) {
					tried.remove(w);
					state = "engine thread on glibc's main arena (" + i + (i == 1
						? " thread" : " threads") + " tried)";
					return w;
				}
			}
			state =
				"engine on the caller's thread (no thread on glibc's main arena in " +
					MAX_PROBES + " tried)";
			return null;
		}
		catch (InterruptedException e) {
			// The caller was stopped while looking: look again at the next call.
			Thread.currentThread().interrupt();
			probed = false;
			return null;
		}
		catch (LinkageError | RuntimeException e) {
			state = "engine on the caller's thread (" + e.getClass().getSimpleName() +
				")";
			return null;
		}
		finally {
			tried.forEach(Worker::retire);
		}
	}

	/**
	 * Whether the calling thread's C allocations come from the main arena: a
	 * small block of its own lies in the {@code [heap]} mapping.
	 */
	static boolean thisThreadOnIt() {
		long block = Native.malloc(64);
		try {
			long[] heap = heap();
			return block != 0 && heap != null && block >= heap[0] && block < heap[1];
		}
		finally {
			Native.free(block);
		}
	}

	/** The {@code [heap]} mapping's start and end, or null. */
	private static long[] heap() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
				if (!line.endsWith("[heap]")) continue;
				String[] range = line.substring(0, line.indexOf(' ')).split("-");
				return new long[] { Long.parseUnsignedLong(range[0], 16), Long
					.parseUnsignedLong(range[1], 16) };
			}
		}
		catch (IOException | RuntimeException e) {
			// No /proc: no way to tell, so no thread is chosen.
		}
		return null;
	}

	/** A thread that runs the tasks handed to it, one at a time. */
	private static final class Worker extends Thread {

		final SynchronousQueue<FutureTask<?>> tasks = new SynchronousQueue<>();
		private volatile boolean retired;

		Worker() {
			super("neural-style engine");
			setDaemon(true);
		}

		@Override
		public void run() {
			while (!retired) {
				FutureTask<?> task;
				try {
					task = tasks.take();
				}
				catch (InterruptedException e) {
					// A late interrupt meant for a finished task, or retirement.
					continue;
				}
				Thread.interrupted();
				task.run();
			}
		}

		/** Whether this thread's allocations come from the main arena. */
		boolean onMainArena() throws InterruptedException {
			FutureTask<Boolean> probe = new FutureTask<>(MainArena::thisThreadOnIt);
			tasks.put(probe);
			try {
				return probe.get();
			}
			catch (ExecutionException e) {
				return false;
			}
		}

		void retire() {
			retired = true;
			interrupt();
		}
	}
}
