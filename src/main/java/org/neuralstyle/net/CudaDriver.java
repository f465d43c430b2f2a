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

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The NVIDIA driver as the operating system has it, asked directly: DJL tells
 * only that it sees no GPU, not whether the driver is missing or too old for
 * the CUDA that PyTorch was built for. The driver's library
 * ({@code libcuda.so.1}, {@code nvcuda.dll}) comes with the driver, not with
 * CUDA, so finding it means a driver is installed.
 */
final class CudaDriver {

	/** The one driver call needed: it answers without initializing a device. */
	interface Api extends Library {

		int cuDriverGetVersion(int[] version);
	}

	private CudaDriver() {}

	/**
	 * The highest CUDA version the installed driver supports, as CUDA numbers it
	 * (12040 is 12.4); empty when there is no NVIDIA driver (or it cannot be
	 * asked).
	 */
	static OptionalInt version() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		// no CUDA on macOS for years
		if (os.contains("mac")) return OptionalInt.empty();
		try {
			Api api = Native.load(os.contains("win") ? "nvcuda" : "cuda", Api.class);
			int[] version = new int[1];
			return api.cuDriverGetVersion(version) == 0 ? OptionalInt.of(version[0])
				: OptionalInt.empty();
		}
		catch (LinkageError | SecurityException e) {
			return OptionalInt.empty();
		}
	}

	/** 12040 as "12.4". */
	static String format(int version) {
		return version / 1000 + "." + version % 1000 / 10;
	}
}
