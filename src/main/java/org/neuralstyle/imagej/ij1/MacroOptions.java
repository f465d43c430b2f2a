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

package org.neuralstyle.imagej.ij1;

import ij.Macro;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The options string of a macro call
 * ({@code key=value key=[value with spaces] flag}) read the way ImageJ 1.x's
 * GenericDialog reads it in macro mode, for when no dialog can be built: plain
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

	/**
	 * A checkbox is on when its key stands alone among the options (outside any
	 * [bracketed] value).
	 */
	boolean flag(String key) {
		return words(options).contains(key);
	}

	/**
	 * The keys written, in order: the part before '=' of each word, or the whole
	 * word of a checkbox.
	 */
	List<String> keys() {
		List<String> keys = new ArrayList<>();
		for (String word : words(options)) {
			int eq = word.indexOf('=');
			keys.add(eq >= 0 ? word.substring(0, eq) : word);
		}
		return keys;
	}

	/**
	 * The options with checkboxes written the way Fiji's recorder writes them for
	 * SciJava commands ({@code key=true}, {@code key=false}) rewritten the way
	 * ImageJ 1.x reads them (the key alone when on, nothing when off), so a macro
	 * recorded in Fiji runs in ImageJ 1.x too.
	 */
	static String withImageJ1Flags(String options,
		Collection<String> booleanKeys)
	{
		StringBuilder out = new StringBuilder();
		for (String word : words(options)) {
			int eq = word.indexOf('=');
			if (eq > 0 && booleanKeys.contains(word.substring(0, eq))) {
				String value = word.substring(eq + 1).toLowerCase(Locale.ROOT);
				if (value.equals("false")) continue;
				if (value.equals("true")) word = word.substring(0, eq);
			}
			if (out.length() > 0) out.append(' ');
			out.append(word);
		}
		return out.toString();
	}

	/**
	 * The space-separated words of an options string; a [bracketed] value stays
	 * within its word.
	 */
	private static List<String> words(String options) {
		List<String> words = new ArrayList<>();
		int depth = 0;
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < options.length(); i++) {
			char c = options.charAt(i);
			if (c == '[') depth++;
			else if (c == ']') depth = Math.max(0, depth - 1);
			if (depth == 0 && c == ' ') {
				if (word.length() > 0) words.add(word.toString());
				word.setLength(0);
			}
			else {
				word.append(c);
			}
		}
		if (word.length() > 0) words.add(word.toString());
		return words;
	}
}
