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

import java.net.URI;

/**
 * A model file the product knows where to get and how to check: its official
 * download URL, the name it has in the cache, its size in bytes ({@code -1}
 * when not published exactly) and its checksum.
 */
public record KnownModel(String id, String title, ModelKind kind, URI url,
		String fileName, long size, Checksum checksum) {

	public KnownModel {
		if (fileName.contains("/") || fileName.contains("\\") || fileName
			.startsWith(".")) throw new IllegalArgumentException(
				"not a plain file name: " + fileName);
	}

	public boolean sizeKnown() {
		return size >= 0;
	}

	/** "torchvision VGG19, vgg19-dcbb9e9d.pth, 548 MB". */
	public String describe() {
		return title + ", " + fileName + (sizeKnown() ? ", " + megabytes(size) +
			" MB" : "");
	}

	/** Bytes in whole mebibytes, as download sizes are shown. */
	public static long megabytes(long bytes) {
		return Math.round(bytes / (1024.0 * 1024.0));
	}

	@Override
	public String toString() {
		return title + " (" + fileName + ")";
	}
}
