package org.neuralstyle.imagej;

import org.neuralstyle.imagej.ij1.Gui;

/**
 * Messages as dialogs show them. ImageJ's and Fiji's message dialogs do not wrap text, so a long
 * message (a path, a URL and advice) would run off the screen; logs keep the message on one line.
 */
final class MessageText {

	/** Characters per line in a dialog. */
	static final int DIALOG_WIDTH = 80;

	private MessageText() {
	}

	/** The message with line breaks between words so that lines stay within {@code width} (a longer word keeps its own line). */
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
				} else if (lineLength > 0) {
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
