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

package org.neuralstyle.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures {@code System.out} and {@code System.err} around each test, for
 * tests of command-line commands that print. Register it with
 * {@code @RegisterExtension final ConsoleCapture console = new ConsoleCapture();}
 * and read {@link #out()} and {@link #err()}; the streams are restored after
 * each test even when it fails.
 */
public final class ConsoleCapture implements BeforeEachCallback,
	AfterEachCallback
{

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();
	private PrintStream oldOut;
	private PrintStream oldErr;

	@Override
	public void beforeEach(ExtensionContext context) {
		out.reset();
		err.reset();
		oldOut = System.out;
		oldErr = System.err;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		System.setOut(oldOut);
		System.setErr(oldErr);
	}

	/** What the test printed to standard output so far. */
	public String out() {
		return out.toString(StandardCharsets.UTF_8);
	}

	/** What the test printed to standard error so far. */
	public String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	/**
	 * The standard error stream from before the test, for figures a test reports
	 * to whoever runs it.
	 */
	public PrintStream realErr() {
		return oldErr;
	}

	/** Forgets what was printed so far, for tests that run several commands. */
	public void reset() {
		out.reset();
		err.reset();
	}
}
