package org.neuralstyle.cli;

import java.io.IOException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar neural-style-cli.jar COMMAND ...}. */
@Command(name = "neural-style", mixinStandardHelpOptions = true, version = "neural-style 0.1.0",
	description = "Neural style transfer on DJL/PyTorch: optimization (Gatys et al.), fast models (Johnson et al.) and their training, weights management, benchmarks.",
	subcommands = {OptimizeCommand.class, FastCommand.class, TrainCommand.class, WeightsCommand.class, BenchCommand.class,
		CommandLine.HelpCommand.class})
public final class Main {

	public static void main(String[] args) {
		System.exit(run(args));
	}

	/** Runs a command line and returns its exit code (tests call this instead of main). */
	public static int run(String... args) {
		// ImageJ's readers and writers must never open a window from the command line.
		System.setProperty("java.awt.headless", "true");
		CommandLine cl = new CommandLine(new Main());
		cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
			// A user's mistake gets one line that says what to do, not a stack trace.
			if (e instanceof IllegalArgumentException) {
				cmd.getErr().println("error: " + e.getMessage());
				return ExitCodes.USAGE;
			}
			if (e instanceof IOException || e instanceof java.io.UncheckedIOException) {
				cmd.getErr().println("error: " + e.getMessage());
				return ExitCodes.ERROR;
			}
			throw e;
		});
		return cl.execute(args);
	}
}
