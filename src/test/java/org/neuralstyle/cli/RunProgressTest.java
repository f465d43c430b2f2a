package org.neuralstyle.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The terminal's progress bar: the count, the losses and the time left, in the product's words. */
class RunProgressTest {

	@Test
	void aBarShowsTheCountTheStatusAndTheTimeLeft() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (RunProgress bar = RunProgress.bar("optimize", 300, new PrintStream(out, true, StandardCharsets.UTF_8), 160)) {
			assertTrue(bar.isBar());
			for (int i = 0; i <= 150; i++) bar.update(i, "content 1.00 style 2.00 tv 0.00 total 3.00");
		}
		String shown = out.toString(StandardCharsets.UTF_8);
		assertTrue(shown.contains("optimize"), shown);
		assertTrue(shown.contains("150/300"), shown);
		// 150 quick iterations: the next 150 take as little.
		assertTrue(shown.contains("content 1.00 style 2.00 tv 0.00 total 3.00, less than a second left"), shown);
	}

	@Test
	void withoutTerminalThereIsNoBarAndTheCommandPrintsItsLines() {
		// Tests run without a terminal (System.console() is null), as runs whose output goes to a log.
		try (RunProgress none = RunProgress.start("optimize", 10)) {
			assertFalse(none.isBar());
			none.update(1, "x");
		}
	}
}
