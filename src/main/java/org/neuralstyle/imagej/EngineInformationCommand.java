package org.neuralstyle.imagej;

import ij.IJ;

import org.neuralstyle.net.EngineReport;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/**
 * Engine information: which PyTorch runs, from which native library, on which devices (and why
 * there is no GPU), with how many threads and how much memory, and which weights are in the cache.
 * It goes to the Log window, which a user can copy into a question on the forum, and a macro read
 * with {@code getInfo("log")}; headless, the log is standard output.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Style Transfer>Engine information", headless = true)
public class EngineInformationCommand extends StyleTransferCommand {

	static final String TITLE = "Engine information";

	private String report;

	@Override
	protected String title() {
		return TITLE;
	}

	@Override
	protected void execute() {
		EngineReport r = EngineReport.gather();
		StringBuilder text = new StringBuilder("Neural Style: engine information\n");
		for (EngineReport.Fact f : r.facts()) text.append("  ").append(f.label()).append(": ").append(f.value()).append('\n');
		report = text.toString();
		IJ.log(report.stripTrailing());
	}

	/** The text logged, for tests; null before a run. */
	String report() {
		return report;
	}
}
