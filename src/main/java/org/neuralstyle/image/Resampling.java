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

package org.neuralstyle.image;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Resizing of engine images through the PyTorch engine's interpolation: area
 * averaging when shrinking (no aliasing from skipped pixels), bicubic when
 * enlarging, clamped back to [0,1]. An image already of the requested size is
 * returned as is, never resampled.
 */
public final class Resampling {

	private Resampling() {}

	/**
	 * Size (width, height) whose long side is {@code longSide}, keeping the
	 * aspect ratio.
	 */
	public static int[] fitLongSide(int width, int height, int longSide) {
		if (width >= height) return new int[] { longSide, Math.max(1, (int) Math
			.round((double) height * longSide / width)) };
		return new int[] { Math.max(1, (int) Math.round((double) width * longSide /
			height)), longSide };
	}

	public static RgbImage resize(RgbImage img, int width, int height) {
		if (img.width() == width && img.height() == height) return img;
		try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
			NDArray hwc = m.create(img.planes(), new Shape(3, img.height(), img
				.width())).transpose(1, 2, 0);
			boolean shrinking = (long) width * height < (long) img.width() * img
				.height();
			NDArray out = NDImageUtils.resize(hwc, width, height, shrinking
				? Image.Interpolation.AREA : Image.Interpolation.BICUBIC);
			float[] planes = out.clip(0f, 1f).transpose(2, 0, 1).toFloatArray();
			return new RgbImage(width, height, planes);
		}
	}
}
