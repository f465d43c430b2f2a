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

package org.neuralstyle.fast.train;

/**
 * The losses of one training step, as pytorch/examples logs them: weighted, on
 * the step's batch, before the update.
 *
 * @param step steps done, counting this one (1 for the first)
 * @param steps steps the whole training takes
 * @param content content weight × MSE of the relu2_2 features of output and
 *          input
 * @param style style weight × sum over the style layers of the MSE of the Gram
 *          matrices
 */
public record TrainingStep(int step, int steps, double content, double style) {

	public double total() {
		return content + style;
	}
}
