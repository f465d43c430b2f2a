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

package org.neuralstyle.imagej;

import org.neuralstyle.imagej.ij1.Gui;

/**
 * Messages as dialogs show them. ImageJ's and Fiji's message dialogs do not
 * wrap text, so a long message (a path, a URL and advice) would run off the
 * screen; logs keep the message on one line.
 */
final class MessageText {

	/** Characters per line in a dialog. */
	static final int DIALOG_WIDTH = 80;

	private MessageText() {}

	/**
	 * The message with line breaks between words so that lines stay within
	 * {@code width} (a longer word keeps its own line).
	 */
	static String wrap(String message, int width) {
		StringBuilder out = new StringBuilder();
		String[] paragraphs = message.split("\n", -1);
		for (int p = 0; p < paragraphs.length; p++) {
			if (p > 0) out.append('\n');
			int lineLength = 0;
			for (String word : paragraphs[p].split(" ")) {
				if (word.isEmpty()) continue;
				if (lineLength > 0 && lineLength + 1 + word.length() > width) {
					out.append('\n');
					lineLength = 0;
				}
				else if (lineLength > 0) {
					out.append(' ');
					lineLength++;
				}
				out.append(word);
				lineLength += word.length();
			}
		}
		return out.toString();
	}

	/** For a dialog when windows can show, else unchanged (one line in a log). */
	static String forUser(String message) {
		return Gui.canShowWindows() ? wrap(message, DIALOG_WIDTH) : message;
	}
}
