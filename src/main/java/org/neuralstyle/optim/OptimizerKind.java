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

package org.neuralstyle.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The optimizers a user can choose by name for an image, with the learning rate
 * each starts with when the user gives none: the one place that default is
 * defined.
 */
public enum OptimizerKind {

		/**
		 * {@link Lbfgs}; PyTorch's learning rate 1, with which its line-free steps
		 * are full Newton-like steps.
		 */
		LBFGS(Names.LBFGS, 1),

		/**
		 * {@link Adam}. Not PyTorch's 1e-3 ({@link Adam#DEFAULT_LEARNING_RATE},
		 * which training fast models keeps): pixels in [0, 1] would move too slowly
		 * to show style within a few hundred iterations. 0.02 does.
		 */
		ADAM(Names.ADAM, 0.02);

	/**
	 * The names users type, as constants that annotations (choice lists) can use.
	 */
	public static final class Names {

		public static final String LBFGS = "lbfgs";
		public static final String ADAM = "adam";

		private Names() {}
	}

	private final String id;
	private final double defaultLearningRate;

	OptimizerKind(String id, double defaultLearningRate) {
		this.id = id;
		this.defaultLearningRate = defaultLearningRate;
	}

	/** The name users type: "lbfgs" or "adam". */
	public String id() {
		return id;
	}

	/** The learning rate when the user gives none. */
	public double defaultLearningRate() {
		return defaultLearningRate;
	}

	/**
	 * The kind named {@code name}, ignoring case and a hyphen ("L-BFGS" is
	 * lbfgs).
	 */
	public static OptimizerKind fromName(String name) {
		String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT)
			.replace("-", "");
		for (OptimizerKind kind : values()) {
			if (kind.id.equals(key)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown optimizer '" + name +
			"': use one of " + Arrays.stream(values()).map(OptimizerKind::id).collect(
				Collectors.joining(", ")) + ".");
	}

	@Override
	public String toString() {
		return id;
	}
}
