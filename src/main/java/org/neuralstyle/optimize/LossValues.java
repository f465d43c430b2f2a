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

package org.neuralstyle.optimize;

/**
 * The weighted loss terms of one evaluation, and their sum; {@code temporal} is
 * the temporal loss of a plane tied to its predecessor (0 otherwise).
 */
public record LossValues(double content, double style, double tv, double total,
		double temporal) {

	/** The terms of a plane stylized on its own. */
	public LossValues(double content, double style, double tv, double total) {
		this(content, style, tv, total, 0);
	}

	/** These values with a temporal term added to the total. */
	public LossValues withTemporal(double t) {
		return new LossValues(content, style, tv, total + t, temporal + t);
	}

	public boolean isFinite() {
		return Double.isFinite(total) && Double.isFinite(content) && Double
			.isFinite(style) && Double.isFinite(tv) && Double.isFinite(temporal);
	}
}
