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
import org.neuralstyle.imagefile.RgbPixels;

/** RGB planes: 8 bits per channel scaled to [0,1] and back, nothing else. */
public final class RgbPlaneCodec implements PlaneCodec {

	@Override
	public RgbImage toRgb(ImageProcessor plane) {
		if (!(plane instanceof ColorProcessor rgb))
			throw new IllegalArgumentException("Expected an RGB plane, got " + plane
				.getClass().getSimpleName());
		return RgbPixels.toRgb(rgb);
	}

	@Override
	public ColorProcessor fromRgb(RgbImage picture) {
		return RgbPixels.toProcessor(picture);
	}
}
