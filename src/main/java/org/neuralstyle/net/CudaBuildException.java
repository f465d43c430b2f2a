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

import java.io.IOException;

/**
 * The CUDA build of PyTorch could not be installed; nothing was changed.
 * {@link #problem()} says why, so that each front end can word its own advice;
 * the message says what happened.
 */
public final class CudaBuildException extends IOException {

	private static final long serialVersionUID = 1L;

	/** Why the install failed. */
	public enum Problem {
			/**
			 * No CUDA build of this PyTorch exists for this computer (macOS, ARM, or
			 * a glue library without CUDA).
			 */
			NO_BUILD_FOR_PLATFORM,
			/** Downloads are switched off. */
			OFFLINE,
			/** The server cannot be reached: no network, a firewall, a proxy. */
			UNREACHABLE,
			/**
			 * The server answered, but not with a complete, intact build: an HTTP
			 * error, a file missing from its list or from the server, a download cut
			 * short or damaged.
			 */
			DOWNLOAD_FAILED
	}

	private final Problem problem;

	CudaBuildException(Problem problem, String message, Throwable cause) {
		super(message, cause);
		this.problem = problem;
	}

	public Problem problem() {
		return problem;
	}
}
