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

import ai.djl.Device;

import org.neuralstyle.net.CudaBuildChoice;
import org.neuralstyle.net.Devices;

import picocli.CommandLine.Option;

/**
 * {@code --device}, mixed into each command that runs the engine, so that all
 * of them take and word it alike.
 */
final class DeviceOption {

	@Option(names = "--device", defaultValue = Devices.AUTO,
		paramLabel = "auto|cpu|gpu", description = "Default: ${DEFAULT-VALUE}.")
	String device;

	/** The device named, or an error that lists the choices. */
	Device parse() {
		Device d = Devices.parse(device);
		// An installed CUDA build that cannot run here: one line, where the device
		// is chosen.
		CudaBuildChoice.atStart().notice().ifPresent(System.err::println);
		return d;
	}
}
