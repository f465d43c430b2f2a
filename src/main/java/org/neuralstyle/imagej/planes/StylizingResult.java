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

import ij.ImagePlus;
import java.util.List;

/**
 * What a stylization run produced: the new image, and which of its planes were
 * not stylized because the user cancelled (those hold the input's plane
 * unchanged), named by position.
 */
public record StylizingResult(ImagePlus image, int stylized, int total,
		List<String> unstylized) {

	public StylizingResult {
		unstylized = List.copyOf(unstylized);
	}

	/** True when every plane asked for was stylized. */
	public boolean complete() {
		return unstylized.isEmpty();
	}
}
