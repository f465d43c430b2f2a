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

import java.util.Locale;

/**
 * The line search of {@link Lbfgs}, as {@code torch.optim.LBFGS}'s
 * {@code line_search_fn}.
 */
public enum LineSearch {

		/**
		 * None: a fixed step of the learning rate ({@code line_search_fn=None}).
		 */
		NONE,
		/**
		 * torch's {@code "strong_wolfe"}: bracketing and cubic-interpolation zoom
		 * until the strong Wolfe conditions hold (c1 1e-4, c2 0.9).
		 */
		STRONG_WOLFE;

	/** "none" or "strong-wolfe" (also with an underscore). */
	public static LineSearch parse(String name) {
		String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT)
			.replace('_', '-');
		for (LineSearch l : values())
			if (l.toString().equals(key)) return l;
		throw new IllegalArgumentException("Unknown line search '" + name +
			"': use none or strong-wolfe.");
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}
}
