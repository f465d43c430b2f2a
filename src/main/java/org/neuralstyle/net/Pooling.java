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

package org.neuralstyle.net;

/**
 * How the feature network downsamples between blocks. VGG was trained with max
 * pooling; Gatys et al. report slightly smoother results with average pooling,
 * so both are offered.
 */
public enum Pooling {

		MAX, AVG;

	/**
	 * Parses "max" or "avg" (any case), with a message that lists the choices.
	 */
	public static Pooling parse(String s) {
		for (Pooling p : values())
			if (p.name().equalsIgnoreCase(s.trim())) return p;
		throw new IllegalArgumentException("Unknown pooling '" + s +
			"': use max or avg");
	}
}
