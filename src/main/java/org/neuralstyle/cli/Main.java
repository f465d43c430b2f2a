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
import java.nio.file.Path;
import java.util.Optional;

import ai.djl.engine.EngineException;

import org.neuralstyle.net.CudaBuildChoice;
import org.neuralstyle.net.EngineUnavailableException;
import org.neuralstyle.tensor.MainArena;
import org.neuralstyle.weights.KnownModel;
import org.neuralstyle.weights.ModelKind;
import org.neuralstyle.weights.WeightsUnavailableException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The command line: {@code java -jar neural-style-cli.jar COMMAND ...}. */
@Command(name = "neural-style", mixinStandardHelpOptions = true,
	version = "neural-style 0.1.0",
	description = "Neural style transfer on DJL/PyTorch: optimization (Gatys et al.), fast models (Johnson et al.) and their training, weights management, benchmarks.",
	subcommands = { OptimizeCommand.class, FastCommand.class, TrainCommand.class,
		WeightsCommand.class, BenchCommand.class, EngineCommand.class,
		CommandLine.HelpCommand.class })
public final class Main {

	/** slf4j-simple's settings, read once, when the first logger is made. */
	private static final String LOG_LEVEL =
		"org.slf4j.simpleLogger.defaultLogLevel", CUDA_PROBE_LOG_LEVEL =
			"org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

	@Option(names = "--verbose", scope = ScopeType.INHERIT,
		description = "Show DJL's informational and debugging messages, not only its warnings.")
	void setVerbose(boolean verbose) {
		if (!verbose) return;
		System.setProperty(LOG_LEVEL, "debug");
		System.setProperty(CUDA_PROBE_LOG_LEVEL, "debug");
	}

	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Runs a command line and returns its exit code (tests call this instead of
	 * main).
	 */
	public static int run(String... args) {
		// ImageJ's readers and writers must never open a window from the command
		// line.
		System.setProperty("java.awt.headless", "true");
		// DJL logs through SLF4J: only its warnings, on stderr, one short line
		// each, unless asked (--verbose, or -D on the java command line).
		if (System.getProperty(LOG_LEVEL) == null) System.setProperty(LOG_LEVEL,
			"warn");
		System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
		System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
		// DJL asks the CUDA runtime for GPUs even to load the CPU build, and warns
		// when a CUDA runtime without a usable driver answers: noise on every run.
		// 'engine' tells the whole GPU story.
		System.setProperty(CUDA_PROBE_LOG_LEVEL, "error");
		CommandLine cl = new CommandLine(new Main());
		cl.setExecutionStrategy(parsed -> {
			// Before any command starts PyTorch, which reads where it comes from only
			// then; after parsing, because the choice makes DJL's first logger, and
			// that fixes the log level --verbose sets.
			CudaBuildChoice.atStart();
			// On the thread whose large blocks glibc reuses instead of mapping them
			// anew (MainArena): up to 1.7 times faster.
			return MainArena.call(() -> new CommandLine.RunLast().execute(parsed));
		});
		cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
			// A user's mistake gets one line that says what to do, not a stack trace.
			if (e instanceof IllegalArgumentException) {
				cmd.getErr().println("error: " + e.getMessage());
				return ExitCodes.USAGE;
			}
			if (e instanceof WeightsUnavailableException missing) {
				cmd.getErr().println("error: " + missing.getMessage() + " " + advice(
					missing));
				return ExitCodes.ERROR;
			}
			if (e instanceof EngineUnavailableException ||
				e instanceof EngineException)
			{
				EngineUnavailableException unavailable =
					e instanceof EngineUnavailableException u ? u
						: EngineUnavailableException.of(e);
				cmd.getErr().println("error: " + unavailable.getMessage() + " " +
					advice(unavailable));
				return ExitCodes.ERROR;
			}
			if (e instanceof IOException ||
				e instanceof java.io.UncheckedIOException)
			{
				cmd.getErr().println("error: " + e.getMessage());
				return ExitCodes.ERROR;
			}
			throw e;
		});
		try {
			return cl.execute(args);
		}
		catch (OutOfMemoryError e) {
			// What the image readers' size check could not foresee still ends in one
			// line, not a trace.
			cl.getErr().println("error: out of Java memory (" + e.getMessage() +
				"): use smaller images or give Java more " + "memory (java -Xmx...).");
			return ExitCodes.ERROR;
		}
	}

	/**
	 * What to do about a PyTorch that does not start, in the command line's
	 * terms.
	 */
	static String advice(EngineUnavailableException e) {
		Optional<Path> cuda = CudaBuildChoice.atStart().usedFolder();
		if (cuda.isPresent()) return "The CUDA build of PyTorch installed in " +
			cuda.get() +
			" was chosen and did not load: delete that folder (or set PYTORCH_FLAVOR=cpu) to use the CPU build, " +
			"and run 'neural-style engine install-gpu' again to reinstall it.";
		if (!e.supported()) return "Neural Style runs on " +
			EngineUnavailableException.supportedInWords() +
			": use it on such a computer.";
		String v = EngineUnavailableException.pytorchVersion();
		if (!e.installed())
			return "neural-style-cli.jar carries the PyTorch library for Linux x86-64 only: put the one for this " +
				"platform on the class path, e.g. java -cp neural-style-cli.jar" +
				java.io.File.pathSeparator + "pytorch-native-cpu-" + v + "-" + e
					.platform() +
				".jar org.neuralstyle.cli.Main ... (the jar is ai.djl.pytorch:pytorch-native-cpu:" +
				v + ":" + e.platform() +
				" on Maven Central), or let DJL download it by running once with network access.";
		return "Delete the folder " + java.nio.file.Paths.get(System.getProperty(
			"user.home"), ".djl.ai", "pytorch") + " (PyTorch " +
			"unpacks its library there, and a copy cut short does not load) and run the command again.";
	}

	/** What to do without network access, in the command line's terms. */
	static String advice(WeightsUnavailableException missing) {
		KnownModel model = missing.model();
		boolean vgg = model.kind().isLossNetwork();
		// The published fast models have no published checksum: their archive is
		// named with --as.
		String importIt = "run 'weights import FILE" + (model.checksum().isKnown()
			? "" : " --as " + model.id()) + "'";
		return "Without network access, download " + model.url() + " (" + model
			.fileName() + ") on another computer, then " + (vgg
				? "either pass it with --weights FILE, or "
				: "either unzip it and pass a model from it with --model FILE, or ") +
			importIt + " to check it and copy it into the cache folder " + missing
				.cacheFolder() + ".";
	}
}
