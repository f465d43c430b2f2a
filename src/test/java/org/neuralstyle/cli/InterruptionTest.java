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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Ctrl-C: the first stops the run after its step, a second quits at once. */
class InterruptionTest {

	@Test
	void theFirstCtrlCAsksTheRunToStopAndASecondQuitsAtOnce() {
		List<Integer> halted = new ArrayList<>();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try (Interruption i = new Interruption("iteration", 60, new PrintStream(err,
			true, StandardCharsets.UTF_8), halted::add))
		{
			assertFalse(i.requested());
			i.interrupt();
			assertTrue(i.requested());
			assertEquals(List.of(), halted,
				"the first lets the run write its result");
			assertTrue(err.toString(StandardCharsets.UTF_8).contains(
				"press Ctrl-C again to quit"), err.toString(StandardCharsets.UTF_8));
			i.interrupt();
			assertEquals(List.of(ExitCodes.INTERRUPTED), halted,
				"the second quits with 130 without waiting");
		}
	}
}
