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
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neuralstyle.net.CudaBuild;
import org.neuralstyle.net.CudaBuildChoice;
import org.neuralstyle.net.CudaBuildException;
import org.neuralstyle.net.CudaBuildInstaller;
import org.neuralstyle.net.EngineReport;

import picocli.CommandLine.Command;

/**
 * {@code engine}: which PyTorch, which native library, which devices, and where
 * the weights are.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
	subcommands = EngineCommand.InstallGpu.class,
	description = "Show the PyTorch and DJL versions, the native library loaded, the devices PyTorch sees (and why no GPU), " +
		"threads, free memory, the weights cache and the weights in it.")
final class EngineCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		EngineReport report = EngineReport.gather();
		List<EngineReport.Fact> facts = report.facts();
		int width = facts.stream().mapToInt(f -> f.label().length()).max().orElse(
			0);
		for (EngineReport.Fact f : facts)
			System.out.printf("%-" + (width + 1) + "s %s%n", f.label() + ":", f
				.value());
		if (CudaBuildChoice.atStart()
			.outcome() == CudaBuildChoice.Outcome.NOT_INSTALLED && report.gpus() == 0)
			System.out.println(
				"(For an NVIDIA GPU: 'neural-style engine install-gpu' installs the CUDA build.)");
		// A diagnosis that ran is a success even without a GPU; an engine that
		// cannot start is not.
		return report.started() ? ExitCodes.OK : ExitCodes.ERROR;
	}

	/**
	 * {@code engine install-gpu}: the CUDA build of the bundled PyTorch, for the
	 * next start.
	 */
	@Command(name = "install-gpu", mixinStandardHelpOptions = true,
		description = "Download the CUDA 12.8 build of the bundled PyTorch (Linux and Windows x86-64; macOS has no CUDA) " +
			"from DJL's site publish.djl.ai into DJL's cache (several GB), check every file, and use it from the next start " +
			"on when an NVIDIA driver for CUDA 12.8 or newer is present. Ctrl-C cancels and keeps nothing.")
	static final class InstallGpu implements Callable<Integer> {

		@Override
		public Integer call() {
			CudaBuild build;
			try {
				build = CudaBuild.forThisComputer();
			}
			catch (CudaBuildException e) {
				System.err.println("error: " + e.getMessage() +
					" Neural Style computes on the CPU here (--device cpu).");
				return ExitCodes.ERROR;
			}
			if (build.status().state() == CudaBuild.State.INSTALLED) {
				System.out.println(build.describe() + " is already installed in " +
					build.folder() + ". To install it again, delete that folder first.");
				return ExitCodes.OK;
			}
			CudaBuildInstaller installer = new CudaBuildInstaller(build);
			System.err.println("Downloading " + build.describe() +
				" (several GB) from " + installer.index().resolve(".") + " into " +
				build.folder());
			// Ctrl-C ends the JVM through its shutdown hooks: this one interrupts the
			// download and waits until the partial files are deleted.
			Thread worker = Thread.currentThread();
			CountDownLatch finished = new CountDownLatch(1);
			Thread hook = new Thread(() -> {
				worker.interrupt();
				try {
					finished.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ignored) {
					// the JVM ends anyway
				}
			}, "neural-style install-gpu cancel");
			Runtime.getRuntime().addShutdownHook(hook);
			ConsoleProgress[] bar = new ConsoleProgress[1];
			int[] current = { 0 };
			try {
				installer.install((file, files, name, done, total) -> {
					if (file != current[0]) {
						current[0] = file;
						bar[0] = new ConsoleProgress("[" + file + "/" + files + "] " + name,
							System.err);
					}
					bar[0].update(done, total);
				});
				System.out.println("Installed " + build.describe() + " in " + build
					.folder() + ". Start neural-style again to use it: from the next " +
					"start on it runs when an NVIDIA driver for CUDA " + build
						.cudaVersion() +
					" or newer is present, and the CPU build otherwise. 'neural-style engine' shows which build runs.");
				return ExitCodes.OK;
			}
			catch (CudaBuildException e) {
				if (bar[0] != null) System.err.println();
				System.err.println("error: " + e.getMessage() + " " + advice(e, build));
				return ExitCodes.ERROR;
			}
			catch (InterruptedIOException e) {
				if (bar[0] != null) System.err.println();
				System.err.println(e.getMessage());
				return ExitCodes.INTERRUPTED;
			}
			catch (IOException e) {
				if (bar[0] != null) System.err.println();
				System.err.println("error: " + e.getMessage());
				return ExitCodes.ERROR;
			}
			finally {
				finished.countDown();
				try {
					Runtime.getRuntime().removeShutdownHook(hook);
				}
				catch (IllegalStateException shuttingDown) {
					// Ctrl-C: the hook is running
				}
			}
		}

		/** What to do about a failed install, in the command line's terms. */
		static String advice(CudaBuildException e, CudaBuild build) {
			return switch (e.problem()) {
				case OFFLINE, UNREACHABLE ->
					"Without network access, run 'neural-style engine install-gpu' on a computer that has it " +
						"(same system, same neural-style), then copy the folder " + build
							.folder() + " to the same place here.";
				case DOWNLOAD_FAILED ->
					"Run 'neural-style engine install-gpu' again later; until then PyTorch runs on the CPU.";
				case NO_BUILD_FOR_PLATFORM ->
					"Neural Style computes on the CPU here (--device cpu).";
			};
		}
	}
}
