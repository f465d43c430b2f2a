package org.neuralstyle.imagej;

import ij.Macro;

/**
 * The options string of a macro call ({@code key=value key=[value with spaces] flag}) read the way
 * ImageJ 1.x's GenericDialog reads it in macro mode, for when no dialog can be built: plain
 * ImageJ 1.x cannot create one headless.
 */
final class MacroOptions {

	private final String options;

	MacroOptions(String options) {
		this.options = options.endsWith(" ") ? options : options + " ";
	}

	/** The value written for key, or null when the key is absent. */
	String value(String key) {
		return Macro.getValue(options, key, null);
	}

	/** A checkbox is on when its key stands alone among the options (outside any [bracketed] value). */
	boolean flag(String key) {
		int depth = 0;
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < options.length(); i++) {
			char c = options.charAt(i);
			if (c == '[') depth++;
			else if (c == ']') depth = Math.max(0, depth - 1);
			else if (depth == 0 && c == ' ') {
				if (word.toString().equals(key)) return true;
				word.setLength(0);
			} else if (depth == 0) {
				word.append(c);
			}
		}
		return false;
	}
}
