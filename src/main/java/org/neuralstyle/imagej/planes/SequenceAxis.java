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
 * The axis along which the planes of a stack follow one another when each is
 * tied to its predecessor (a time-lapse along t, a z-stack along z). The labels
 * are the values of the macro key {@link #MACRO_KEY}.
 */
public enum SequenceAxis {

		/** t when the image has several frames, else z. */
		AUTO(SequenceAxis.AUTO_LABEL),
		/** Frame after frame, for each channel and slice. */
		T(SequenceAxis.T_LABEL),
		/** Slice after slice, for each channel and frame. */
		Z(SequenceAxis.Z_LABEL);

	public static final String AUTO_LABEL = "auto", T_LABEL = "t", Z_LABEL = "z";

	/** The parameter name (and macro key) the commands use for the axis. */
	public static final String MACRO_KEY = "temporal_axis";

	private final String label;

	SequenceAxis(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** The axis with this label; case does not matter. */
	public static SequenceAxis parse(String text) {
		String wanted = text.trim().toLowerCase(Locale.ROOT);
		for (SequenceAxis a : values())
			if (a.label.equals(wanted)) return a;
		throw new IllegalArgumentException("Unknown " + MACRO_KEY + " '" + text +
			"': use one of " + Arrays.stream(values()).map(SequenceAxis::label)
				.collect(Collectors.joining(", ")) + ".");
	}

	@Override
	public String toString() {
		return label;
	}
}
