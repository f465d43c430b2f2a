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

/**
 * Told how far the install of a CUDA build has come; called from the installing
 * thread, which a listener may interrupt to cancel.
 */
@FunctionalInterface
public interface InstallProgress {

	InstallProgress NONE = (file, files, name, bytesDone, bytesTotal) -> {};

	/**
	 * Downloading file {@code file} (from 1) of {@code files}, named
	 * {@code name}: {@code bytesDone} of its {@code bytesTotal} compressed bytes
	 * ({@code bytesTotal} is -1 when the server does not say).
	 */
	void update(int file, int files, String name, long bytesDone,
		long bytesTotal);
}
