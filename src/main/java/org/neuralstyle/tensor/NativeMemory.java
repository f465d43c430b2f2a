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

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * How libtorch gets its memory, and how its OpenMP threads wait, on Linux, set
 * from inside the process (a Fiji plugin cannot set environment variables
 * before Fiji starts).
 * <p>
 * Why: every operator's result is fresh memory. glibc serves blocks above its
 * mmap threshold with new mappings and unmaps them on free, so each large
 * tensor's pages are faulted in and zeroed by the kernel, 4 KiB at a time,
 * every iteration: on some machines most of the CPU time was system time. The
 * first two settings cut that; the third keeps idle threads from spinning:
 * <ul>
 * <li>{@code THP_MEM_ALLOC_ENABLE=1}: libtorch's CPU allocator then aligns
 * blocks of 2 MB and more to 2 MB and asks for transparent huge pages
 * ({@code madvise}), so a fault maps 2 MB instead of 4 KiB. libtorch reads the
 * variable once, at its first allocation: it must be set before the engine
 * creates any array, and a value the user set is kept.</li>
 * <li>glibc's {@code mallopt}: no mmap for large blocks ({@code M_MMAP_MAX} 0;
 * the mmap threshold cannot rise above 32 MB, and a 1024² map of 32 channels is
 * 128 MB) and a trim threshold of 1 GB, so blocks of every size are reused from
 * the heap instead of being mapped and zeroed again. Measured: a fast 1024²
 * image 27 % faster (3.80 and 3.55 s against 2.70 and 2.65 s), for 0.23 GB more
 * peak memory. {@link #trim} gives the free heap back after a run; a
 * {@code MALLOC_MMAP_MAX_} the user set is kept.</li>
 * <li>{@code OMP_WAIT_POLICY=PASSIVE}: libtorch's OpenMP threads sleep at the
 * end of a parallel region instead of spinning. On a machine shared with other
 * work (Fiji itself, other programs, a busy build machine) a spinning thread
 * burns the time its partner needs: there a fast image took a third less CPU
 * time and wall time, with the same threads. libgomp reads the variable when
 * libtorch is loaded, so it applies only when this runs before the engine
 * starts; a value the user set is kept.</li>
 * </ul>
 * Elsewhere than Linux with glibc this does nothing. {@code M_MMAP_MAX} binds
 * glibc's main arena only: threads' own arenas still map blocks larger than
 * their 64 MB heaps, which is why the engine runs on a thread of the main arena
 * ({@link MainArena}).
 */
public final class NativeMemory {

	/**
	 * glibc's {@code M_TRIM_THRESHOLD}, {@code M_MMAP_THRESHOLD} and
	 * {@code M_MMAP_MAX}.
	 */
	private static final int M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3,
			M_MMAP_MAX = -4;
	/** The largest mmap threshold glibc accepts on 64-bit systems. */
	private static final int MMAP_THRESHOLD_MAX = 32 << 20;
	private static final int TRIM_THRESHOLD = 1 << 30;

	private static String state;

	private NativeMemory() {}

	/** The parts of the C library used here. */
	private interface C extends Library {

		int setenv(String name, String value, int overwrite);

		int mallopt(int parameter, int value);

		int malloc_trim(long pad);
	}

	private static C c;

	/**
	 * Applies the settings once per process (later calls only return what was
	 * done): call before the engine's first array. Returns a short description.
	 */
	public static synchronized String prepare() {
		if (state != null) return state;
		if (!Platform.isLinux()) return state = "default allocator (not Linux)";
		try {
			c = Native.load("c", C.class);
			c.setenv("THP_MEM_ALLOC_ENABLE", "1", 0);
			c.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
			boolean tuned = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX) == 1 && c
				.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1;
			boolean heapOnly = System.getenv("MALLOC_MMAP_MAX_") == null && c.mallopt(
				M_MMAP_MAX, 0) == 1;
			boolean huge = !"0".equals(System.getenv("THP_MEM_ALLOC_ENABLE"));
			return state = (huge ? "huge pages for large tensors"
				: "no huge pages (THP_MEM_ALLOC_ENABLE=0)") + (heapOnly
					? ", glibc heap for every block, freed blocks reused" : tuned
						? ", glibc mmap threshold 32 MB" : "") + "; OpenMP threads wait " +
				System.getenv().getOrDefault("OMP_WAIT_POLICY", "passively");
		}
		catch (LinkageError | RuntimeException e) {
			// musl or another C library without these: the defaults serve.
			return state = "default allocator (" + e.getClass().getSimpleName() + ")";
		}
	}

	/**
	 * Gives the free parts of the C heap back to the system
	 * ({@code malloc_trim}): call after a run, so that a long-lived process
	 * (Fiji) does not keep the run's peak. Does nothing before {@link #prepare}
	 * or off glibc.
	 */
	public static synchronized void trim() {
		if (c == null) return;
		try {
			c.malloc_trim(0);
		}
		catch (LinkageError | RuntimeException e) {
			// Not glibc after all: nothing to give back this way.
		}
	}
}
