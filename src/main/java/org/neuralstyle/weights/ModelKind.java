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

package org.neuralstyle.weights;

import org.neuralstyle.checkpoint.Checkpoints;

/** What a known model file is, which decides how it is checked and used. */
public enum ModelKind {

		/**
		 * A checkpoint holding an ImageNet-trained VGG network's state dict (the
		 * optimization method's feature network).
		 */
		VGG_FEATURES("VGG feature network", true),
		/**
		 * A checkpoint holding an ImageNet-trained SqueezeNet's state dict (the
		 * feature network of the CS231n assignment).
		 */
		SQUEEZENET_FEATURES("SqueezeNet feature network", true),
		/** A zip of fast-model checkpoints, unpacked before use. */
		FAST_MODEL_ARCHIVE("fast-model archive", false);

	private final String description;
	private final boolean checkpoint;

	ModelKind(String description, boolean checkpoint) {
		this.description = description;
		this.checkpoint = checkpoint;
	}

	/** Whether the optimization can use it as its feature network. */
	public boolean isLossNetwork() {
		return this == VGG_FEATURES || this == SQUEEZENET_FEATURES;
	}

	/** Whether the file itself opens with {@link Checkpoints#open}. */
	public boolean isCheckpoint() {
		return checkpoint;
	}

	@Override
	public String toString() {
		return description;
	}
}
