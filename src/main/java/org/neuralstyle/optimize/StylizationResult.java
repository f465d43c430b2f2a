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

import org.neuralstyle.image.RgbImage;

/**
 * What a run produced: the image (at the working size), how many iterations it
 * made, its last losses, and why it stopped. A cancelled or diverged run still
 * carries its best image.
 */
public record StylizationResult(RgbImage image, int iterations,
		LossValues losses, Outcome outcome, String message) {

	public enum Outcome {
			/** All requested iterations done. */
			COMPLETED,
			/**
			 * The optimizer stopped early: the gradient or the change fell below its
			 * tolerance.
			 */
			CONVERGED,
			/** The listener asked to stop. */
			CANCELLED,
			/**
			 * The loss became NaN or infinite; the image is the last one with finite
			 * loss.
			 */
			DIVERGED
	}
}
