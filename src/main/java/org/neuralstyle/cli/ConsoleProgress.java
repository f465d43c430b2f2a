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

import java.io.PrintStream;
import java.util.Locale;

import org.neuralstyle.weights.DownloadProgress;

/** Download progress as one updating line on the terminal. */
final class ConsoleProgress implements DownloadProgress {

	private final String what;
	private final PrintStream log;
	private long shown = -1;

	ConsoleProgress(String what, PrintStream log) {
		this.what = what;
		this.log = log;
	}

	@Override
	public void update(long done, long total) {
		long step = total > 0 ? done * 100 / total : done >> 24;
		if (step == shown) return;
		shown = step;
		if (total > 0) log.printf(Locale.ROOT,
			"\rDownloading %s: %d%% (%d of %d MB)", what, step, done >> 20,
			total >> 20);
		else log.printf(Locale.ROOT, "\rDownloading %s: %d MB", what, done >> 20);
		if (total > 0 && done >= total) log.println();
		log.flush();
	}
}
