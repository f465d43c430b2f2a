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

package org.neuralstyle.flow;

/** Bilinear sampling of one plane, with the edge pixels extended outwards. */
final class Bilinear {

	private Bilinear() {}

	/** {@code plane} (row-major, width × height) at (x, y). */
	static float sample(float[] plane, int width, int height, float x, float y) {
		return sample(plane, 0, width, height, x, y);
	}

	/** The plane starting at {@code offset} of {@code planes}, at (x, y). */
	static float sample(float[] planes, int offset, int width, int height,
		float x, float y)
	{
		float cx = Math.max(0, Math.min(width - 1, x));
		float cy = Math.max(0, Math.min(height - 1, y));
		int x0 = Math.min((int) cx, width - 1), y0 = Math.min((int) cy, height - 1);
		int x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
		float fx = cx - x0, fy = cy - y0;
		float top = planes[offset + y0 * width + x0] * (1 - fx) + planes[offset +
			y0 * width + x1] * fx;
		float bottom = planes[offset + y1 * width + x0] * (1 - fx) + planes[offset +
			y1 * width + x1] * fx;
		return top * (1 - fy) + bottom * fy;
	}
}
