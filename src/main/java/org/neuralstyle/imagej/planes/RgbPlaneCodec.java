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
package org.neuralstyle.imagej.planes;

import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import org.neuralstyle.image.RgbImage;

/** RGB planes: 8 bits per channel scaled to [0,1] and back, nothing else. */
public final class RgbPlaneCodec implements PlaneCodec {

	@Override
	public RgbImage toRgb(ImageProcessor plane) {
		if (!(plane instanceof ColorProcessor)) throw new IllegalArgumentException(
			"Expected an RGB plane, got " + plane.getClass().getSimpleName());
		int w = plane.getWidth(), h = plane.getHeight(), n = w * h;
		int[] pixels = (int[]) plane.getPixels();
		float[] planes = new float[3 * n];
		for (int i = 0; i < n; i++) {
			int c = pixels[i];
			planes[i] = ((c >> 16) & 0xff) / 255f;
			planes[n + i] = ((c >> 8) & 0xff) / 255f;
			planes[2 * n + i] = (c & 0xff) / 255f;
		}
		return new RgbImage(w, h, planes);
	}

	@Override
	public ColorProcessor fromRgb(RgbImage picture) {
		int w = picture.width(), h = picture.height(), n = w * h;
		float[] planes = picture.planes();
		int[] pixels = new int[n];
		for (int i = 0; i < n; i++) {
			pixels[i] = 0xff000000 | byteOf(planes[i]) << 16 | byteOf(planes[n + i]) << 8 | byteOf(planes[2 * n + i]);
		}
		return new ColorProcessor(w, h, pixels);
	}

	private static int byteOf(float v) {
		return Math.round(Math.min(Math.max(v, 0f), 1f) * 255f);
	}
}
