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

package org.neuralstyle.checkpoint;

/** The file formats {@link Checkpoints#open} reads, told apart by content. */
public enum CheckpointFormat {

		/**
		 * PyTorch before 1.6, and
		 * {@code torch.save(..., _use_new_zipfile_serialization=False)}.
		 */
		PYTORCH_LEGACY("PyTorch (legacy format)"),
		/** PyTorch's default since 1.6. */
		PYTORCH_ZIP("PyTorch (zip format)"), SAFETENSORS("safetensors"),
		/**
		 * Keras' HDF5 weights ({@code save_weights}, keras-applications' files),
		 * read as a torchvision state dict.
		 */
		KERAS_HDF5("Keras (HDF5)");

	private final String description;

	CheckpointFormat(String description) {
		this.description = description;
	}

	@Override
	public String toString() {
		return description;
	}
}
