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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.jna.Platform;

import org.junit.jupiter.api.Test;

/**
 * The engine's thread on glibc's main arena: found on Linux, and transparent to
 * the work it runs (results, exceptions, class loader, interrupts, a second run
 * at the same time).
 */
class MainArenaTest {

	@Test
	void findsAThreadOnTheMainArenaOnLinux() throws Exception {
		assumeTrue(Platform.isLinux() && Files.readString(Path.of(
			"/proc/self/maps")).contains("[heap]"), "glibc on Linux");
		assertTrue(MainArena.describe().startsWith(
			"engine thread on glibc's main arena"), MainArena.describe());
		assertTrue(MainArena.call(MainArena::thisThreadOnIt),
			"the work's allocations come from the [heap] mapping");
		assertEquals("neural-style engine", MainArena.call(() -> Thread
			.currentThread().getName()));
	}

	@Test
	void returnsTheResultAndRethrowsWhatTheWorkThrew() {
		assertEquals(42, MainArena.call(() -> 42));
		IOException checked = new IOException("no such file");
		assertSame(checked, assertThrows(IOException.class, () -> MainArena.call(
			() -> {
				throw checked;
			})));
		IllegalArgumentException unchecked = new IllegalArgumentException("bad");
		assertSame(unchecked, assertThrows(IllegalArgumentException.class,
			() -> MainArena.call(() -> {
				throw unchecked;
			})));
		OutOfMemoryError error = new OutOfMemoryError("full");
		assertSame(error, assertThrows(OutOfMemoryError.class, () -> MainArena.call(
			() -> {
				throw error;
			})));
	}

	@Test
	void theCallersContextClassLoaderGoesWithTheWork() throws Exception {
		Thread self = Thread.currentThread();
		ClassLoader before = self.getContextClassLoader();
		try (URLClassLoader plugin = new URLClassLoader(new URL[0], before)) {
			self.setContextClassLoader(plugin);
			assertSame(plugin, MainArena.call(() -> Thread.currentThread()
				.getContextClassLoader()));
			assertSame(plugin, self.getContextClassLoader());
		}
		finally {
			self.setContextClassLoader(before);
		}
		assertEquals(true, MainArena.call(() -> !Thread.interrupted()),
			"the worker starts each run without a stale interrupt");
	}

	@Test
	void anInterruptStopsTheWorkAndTheCallerWaitsForItsEnd() throws Exception {
		AtomicBoolean wrapUpDone = new AtomicBoolean();
		AtomicReference<Boolean> wrapUpSeenByCaller = new AtomicReference<>();
		boolean callerInterrupted = interruptWhileRunning(() -> {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException stop) {
				// Like a run that writes what it has: takes a while after the stop.
				long end = System.nanoTime() + 200_000_000L;
				while (System.nanoTime() < end)
					Thread.onSpinWait();
				wrapUpDone.set(true);
			}
		}, () -> wrapUpSeenByCaller.set(wrapUpDone.get()));
		assertEquals(Boolean.TRUE, wrapUpSeenByCaller.get(),
			"call returned only after the work had ended");
		assertFalse(callerInterrupted,
			"the work took the stop (and cleared it): so does the caller");
		assertEquals(7, MainArena.call(() -> 7), "the next run goes through");
	}

	@Test
	void anInterruptTheWorkLeavesSetStaysWithTheCaller() throws Exception {
		assertTrue(interruptWhileRunning(() -> {
			while (!Thread.currentThread().isInterrupted())
				Thread.onSpinWait();
		}, () -> {}), "the work saw the stop and left it set: so does the caller");
	}

	/**
	 * Runs {@code work} through {@link MainArena#call} on a new thread,
	 * interrupts that thread once the work has started, runs {@code afterCall} on
	 * it when the call has returned, and returns whether it was still interrupted
	 * then.
	 */
	private static boolean interruptWhileRunning(Runnable work,
		Runnable afterCall) throws InterruptedException
	{
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		Thread caller = new Thread(() -> {
			MainArena.call(() -> {
				started.countDown();
				work.run();
				return null;
			});
			afterCall.run();
			interrupted.set(Thread.currentThread().isInterrupted());
		});
		caller.start();
		assertTrue(started.await(10, TimeUnit.SECONDS));
		caller.interrupt();
		caller.join(10_000);
		assertFalse(caller.isAlive());
		return interrupted.get();
	}

	@Test
	void aStopAskedBeforeTheWorkStartsReachesIt() {
		Thread.currentThread().interrupt();
		try {
			assertTrue(MainArena.call(() -> Thread.currentThread().isInterrupted()),
				"the work starts interrupted");
			assertTrue(Thread.currentThread().isInterrupted(),
				"the caller keeps its interrupt");
		}
		finally {
			Thread.interrupted();
		}
		assertFalse(MainArena.call(() -> Thread.currentThread().isInterrupted()),
			"the next run starts without it");
	}

	@Test
	void aSecondRunAtTheSameTimeRunsOnItsOwnThread() throws Exception {
		CountDownLatch firstRunning = new CountDownLatch(1), release =
			new CountDownLatch(1);
		Thread first = new Thread(() -> {
			try {
				MainArena.call(() -> {
					firstRunning.countDown();
					release.await();
					return null;
				});
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
		first.start();
		try {
			assertTrue(firstRunning.await(10, TimeUnit.SECONDS));
			Thread self = Thread.currentThread();
			assertSame(self, MainArena.call(Thread::currentThread));
		}
		finally {
			release.countDown();
			first.join(10_000);
		}
	}
}
