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

import org.neuralstyle.image.RgbImage;

/** Backward warping of a picture by a flow field. */
public final class Warp {

	private Warp() {}

	/**
	 * The picture {@code source} resampled so that pixel (x, y) of the result is
	 * {@code source} at (x + dx, y + dy), bilinear, with the edge pixels extended
	 * outwards; where the flow is NaN the pixel stays where it is.
	 */
	public static RgbImage backward(RgbImage source, FlowField flow) {
		int w = source.width(), h = source.height();
		if (flow.width() != w || flow.height() != h)
			throw new IllegalArgumentException("A " + flow.width() + "×" + flow
				.height() + " flow cannot warp a " + w + "×" + h + " picture");
		float[] in = source.planes(), out = new float[in.length];
		int n = w * h;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				float dx = flow.dx(x, y), dy = flow.dy(x, y);
				float sx = Float.isFinite(dx) ? x + dx : x;
				float sy = Float.isFinite(dy) ? y + dy : y;
				for (int c = 0; c < 3; c++)
					out[c * n + y * w + x] = Bilinear.sample(in, c * n, w, h, sx, sy);
			}
		return new RgbImage(w, h, out);
	}
}
