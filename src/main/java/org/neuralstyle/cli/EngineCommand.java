package org.neuralstyle.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.neuralstyle.net.EngineReport;

import picocli.CommandLine.Command;

/** {@code engine}: which PyTorch, which native library, which devices, and where the weights are. */
@Command(name = "engine", mixinStandardHelpOptions = true,
	description = "Show the PyTorch and DJL versions, the native library loaded, the devices PyTorch sees (and why no GPU), "
		+ "threads, free memory, the weights cache and the weights in it.")
final class EngineCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		EngineReport report = EngineReport.gather();
		List<EngineReport.Fact> facts = report.facts();
		int width = facts.stream().mapToInt(f -> f.label().length()).max().orElse(0);
		for (EngineReport.Fact f : facts) System.out.printf("%-" + (width + 1) + "s %s%n", f.label() + ":", f.value());
		// A diagnosis that ran is a success even without a GPU; an engine that cannot start is not.
		return report.started() ? ExitCodes.OK : ExitCodes.ERROR;
	}
}
