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

import java.nio.file.Path;
import org.neuralstyle.fast.TransformerWeights;

/**
 * How a training ended.
 *
 * @param outcome completed, cancelled (the model so far is saved) or diverged
 *          (nothing saved)
 * @param step steps done in all, counting those before a resume
 * @param steps steps the training was to take
 * @param model the saved model file, or null when nothing was saved
 * @param weights the trained weights (with the metadata the file carries), or
 *          null when diverged
 * @param message one line for the user
 */
public record TrainingResult(Outcome outcome, int step, int steps, Path model,
		TransformerWeights weights, String message) {

	public enum Outcome {
			COMPLETED, CANCELLED, DIVERGED
	}
}
