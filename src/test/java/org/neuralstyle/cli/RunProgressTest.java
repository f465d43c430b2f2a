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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The terminal's progress bar: the count, the losses and the time left, in the
 * product's words.
 */
class RunProgressTest {

	@Test
	void aBarShowsTheCountTheStatusAndTheTimeLeft() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (RunProgress bar = RunProgress.bar("optimize", 300, new PrintStream(out,
			true, StandardCharsets.UTF_8), 160))
		{
			assertTrue(bar.isBar());
			for (int i = 0; i <= 150; i++)
				bar.update(i, "content 1.00 style 2.00 tv 0.00 total 3.00");
		}
		String shown = out.toString(StandardCharsets.UTF_8);
		assertTrue(shown.contains("optimize"), shown);
		assertTrue(shown.contains("150/300"), shown);
		// 150 quick iterations: the next 150 take as little.
		assertTrue(shown.contains(
			"content 1.00 style 2.00 tv 0.00 total 3.00, less than a second left"),
			shown);
	}

	@Test
	void withoutTerminalThereIsNoBarAndTheCommandPrintsItsLines() {
		// Tests run without a terminal (System.console() is null), as runs whose
		// output goes to a log.
		try (RunProgress none = RunProgress.start("optimize", 10)) {
			assertFalse(none.isBar());
			none.update(1, "x");
		}
	}
}
