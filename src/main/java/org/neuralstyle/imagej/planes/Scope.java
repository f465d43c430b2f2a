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

package org.neuralstyle.imagej.planes;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which planes of a stack or hyperstack to stylize. For a multi-channel
 * composite a plane is a (z, t) position with all its channels as displayed.
 * The labels are the values of the macro key {@link #MACRO_KEY}, e.g.
 * {@code scope=[All planes]}.
 */
public enum Scope {

		/** Only the plane on display; the result is a single image. */
		CURRENT_PLANE(Scope.CURRENT_PLANE_LABEL),
		/** Every slice and frame; the result has the input's dimensions. */
		ALL_PLANES(Scope.ALL_PLANES_LABEL);

	/** The labels, as constants that annotations (choice lists) can use. */
	public static final String CURRENT_PLANE_LABEL = "Current plane",
			ALL_PLANES_LABEL = "All planes";

	/** The parameter name (and macro key) the commands use for the scope. */
	public static final String MACRO_KEY = "scope";

	private final String label;

	Scope(String label) {
		this.label = label;
	}

	/** What the user sees in the dialog and writes in a macro. */
	public String label() {
		return label;
	}

	/** The labels, in dialog order. */
	public static String[] labels() {
		return Arrays.stream(values()).map(Scope::label).toArray(String[]::new);
	}

	/**
	 * The scope with this label; case, and underscores for spaces, do not matter.
	 */
	public static Scope parse(String text) {
		String wanted = text.trim().replace('_', ' ').toLowerCase(Locale.ROOT);
		for (Scope s : values()) {
			if (s.label.toLowerCase(Locale.ROOT).equals(wanted)) return s;
		}
		throw new IllegalArgumentException("Unknown " + MACRO_KEY + " '" + text +
			"': use one of " + Arrays.stream(values()).map(s -> "[" + s.label + "]")
				.collect(Collectors.joining(", ")) + ".");
	}

	@Override
	public String toString() {
		return label;
	}
}
