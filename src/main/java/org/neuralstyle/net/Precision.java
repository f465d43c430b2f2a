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

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

import java.util.Locale;

/**
 * The number format convolutions run in. Gram matrices, losses, the image, its
 * gradient and the optimizer's state stay in float32 whatever is chosen: only
 * the convolutions' inputs, weights and outputs are converted, where most of
 * the FLOPs are and where reduced precision costs least.
 * <ul>
 * <li>{@link #FP32}: float32 everywhere; what the tests and the parity with
 * PyTorch use.</li>
 * <li>{@link #FP16}: IEEE half precision convolutions. Fast on GPUs (tensor
 * cores); on CPUs libtorch 2.7.1 computes them more slowly than float32.</li>
 * <li>{@link #BF16}: bfloat16 convolutions. Refused: DJL 0.36's bridge to
 * libtorch has no bfloat16 in its table of data types (its
 * {@code GetScalarTypeFromDType} ends in a bare C++ {@code throw;} outside any
 * handler), so creating or converting to such an array calls
 * {@code std::terminate} and ends the whole process, Fiji included.</li>
 * <li>{@link #AUTO}: float32 on every device for now. On a CPU no reduced
 * format is both reachable and faster. On a GPU float16 has not been timed (no
 * GPU was available), and an optimization in float16 agreed with float32 to 38
 * dB after 20 iterations but only 8 dB after 100 (the trajectories part): not
 * within the bound that auto requires.</li>
 * </ul>
 */
public enum Precision {

		AUTO, FP32, BF16, FP16;

	/** The default, as the front ends spell it. */
	public static final String DEFAULT = "auto";

	/** Parses auto, fp32, bf16 or fp16 (any case). */
	public static Precision parse(String s) {
		for (Precision p : values())
			if (p.name().equalsIgnoreCase(s.trim())) return p;
		throw new IllegalArgumentException("Unknown precision '" + s +
			"': use auto, fp32, bf16 or fp16");
	}

	/**
	 * The data type of the convolutions on {@code device}, or a refusal that says
	 * what to use instead.
	 */
	public DataType convolutions(Device device) {
		// The device will matter once a reduced format earns its place in auto.
		return switch (this) {
			case FP32 -> DataType.FLOAT32;
			case FP16 -> DataType.FLOAT16;
			case AUTO -> DataType.FLOAT32;
			case BF16 -> throw new IllegalArgumentException(
				"Precision bf16 cannot run here: DJL 0.36 cannot make bfloat16 arrays (its native bridge would end the " +
					"whole process). Use fp32 (auto), or fp16 on a GPU.");
		};
	}

	/** The name as the front ends spell it. */
	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}
}
