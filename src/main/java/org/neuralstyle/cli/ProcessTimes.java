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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The process's CPU time, split into user and system (kernel) time, and its
 * page faults, from {@code /proc/self/stat}: the whole process, native OpenMP
 * threads included (the JVM's own beans see only Java threads, or only the
 * sum). System time on these workloads is mostly the kernel zeroing freshly
 * mapped pages for new tensors, which the minor-fault count shows.
 */
final class ProcessTimes {

	/**
	 * Clock ticks per second of /proc's times: USER_HZ, 100 on every Linux ABI
	 * the engine runs on.
	 */
	private static final double TICKS_PER_SECOND = 100;

	private final double userSeconds;
	private final double systemSeconds;
	/** Page faults served without I/O: a fresh zeroed page each. */
	private final long minorFaults;
	private final long wallNanos;

	private ProcessTimes(double userSeconds, double systemSeconds,
		long minorFaults, long wallNanos)
	{
		this.userSeconds = userSeconds;
		this.systemSeconds = systemSeconds;
		this.minorFaults = minorFaults;
		this.wallNanos = wallNanos;
	}

	/** Now; null where there is no /proc (any system but Linux). */
	static ProcessTimes now() {
		try {
			String stat = Files.readString(Path.of("/proc/self/stat"));
			// The command name (field 2) may hold spaces: count fields after its
			// closing parenthesis, where field 3 (the state) comes first.
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(
				"\\s+");
			return new ProcessTimes(Long.parseLong(f[11]) / TICKS_PER_SECOND, Long
				.parseLong(f[12]) / TICKS_PER_SECOND, Long.parseLong(f[7]), System
					.nanoTime());
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
	}

	/** User plus system seconds since {@code start}; NaN without /proc. */
	static double cpuSecondsSince(ProcessTimes start) {
		return cpuSeconds(start, now());
	}

	/**
	 * User plus system seconds from {@code start} to {@code end}; NaN without
	 * /proc.
	 */
	static double cpuSeconds(ProcessTimes start, ProcessTimes end) {
		if (start == null || end == null) return Double.NaN;
		return end.userSeconds - start.userSeconds + end.systemSeconds -
			start.systemSeconds;
	}

	/**
	 * One line on what happened since {@code start}, per unit of work ({@code n}
	 * iterations or images).
	 */
	static String since(ProcessTimes start, int n, String unit) {
		return between(start, now(), n, unit);
	}

	/** As {@link #since}, from {@code start} to {@code end}. */
	static String between(ProcessTimes start, ProcessTimes end, int n,
		String unit)
	{
		if (start == null || end == null) return "CPU time unknown (no /proc)";
		double wall = (end.wallNanos - start.wallNanos) / 1e9 / n;
		double user = (end.userSeconds - start.userSeconds) / n;
		double system = (end.systemSeconds - start.systemSeconds) / n;
		long faults = (end.minorFaults - start.minorFaults) / n;
		return String.format(Locale.ROOT,
			// No bytes from the fault count: with transparent huge pages a fault
			// maps 4 KiB or 2 MB, and the count does not say which.
			"per %s: wall %.3f s, CPU user %.3f s, system %.3f s (%.0f%% of CPU time), %d minor page faults",
			unit, wall, user, system, 100 * system / Math.max(1e-9, user + system),
			faults);
	}
}
