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

package org.neuralstyle.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The last options of the commands that stylize into image files,
 * {@code --device}, {@code --precision} and {@code --overwrite}, mixed into
 * each so that they take and word them alike.
 */
final class ImageRunOptions {

	@Mixin
	DeviceOption device;

	@Mixin
	PrecisionOption precision;

	@Option(names = "--overwrite", description = "Replace existing output files.")
	boolean overwrite;
}
