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

import org.neuralstyle.net.Precision;

import picocli.CommandLine.Option;

/**
 * {@code --precision}, mixed into each command that runs a network, so that all
 * of them take and word it alike.
 */
final class PrecisionOption {

	@Option(names = "--precision", defaultValue = Precision.DEFAULT,
		paramLabel = "auto|fp32|bf16|fp16",
		description = "Number format of the convolutions (Gram matrices, losses and the optimizer stay fp32): " +
			"auto is fp32 (fp16 is for GPUs, where it is not yet measured); bf16 is refused (DJL 0.36 cannot make bfloat16 arrays). " +
			"Default: ${DEFAULT-VALUE}.")
	String precision;

	/** The precision named, or an error that lists the choices. */
	Precision parse() {
		return Precision.parse(precision);
	}
}
