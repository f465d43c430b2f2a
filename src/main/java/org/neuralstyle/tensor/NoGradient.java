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

package org.neuralstyle.tensor;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A stretch of work on this thread that records no gradients (libtorch's grad
 * mode off, as {@code torch.no_grad()}), restored on close. libtorch's grad
 * mode is per thread and on by default; DJL turns it off only on the thread
 * that starts the engine, so a run on another thread (a Fiji command's) would
 * otherwise see it on. Inference code asks {@link #active} to choose in-place
 * operations that autograd could not follow.
 */
public final class NoGradient implements AutoCloseable {

	private final boolean before;

	private NoGradient() {
		before = JniUtils.isGradMode();
		JniUtils.setGradMode(false);
	}

	/** Turns gradient recording off on this thread until {@link #close}. */
	public static NoGradient enter() {
		return new NoGradient();
	}

	/** Whether this thread records no gradients now. */
	public static boolean active() {
		return !JniUtils.isGradMode();
	}

	@Override
	public void close() {
		JniUtils.setGradMode(before);
	}
}
