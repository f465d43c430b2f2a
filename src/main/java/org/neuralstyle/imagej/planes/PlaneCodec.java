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

import ij.process.ImageProcessor;
import org.neuralstyle.image.RgbImage;

/**
 * How the planes of one image become the RGB pictures the engine stylizes, and
 * how a stylized picture becomes a plane of the result again. The result plane
 * has the pixel type of the result image (the input's type, or RGB for
 * composites), so blending into the input happens between pixels of the same
 * kind.
 */
public interface PlaneCodec {

	/** The RGB picture of a plane as the user sees it. */
	RgbImage toRgb(ImageProcessor plane);

	/**
	 * A plane of the result's pixel type whose display is as close as possible to
	 * the picture.
	 */
	ImageProcessor fromRgb(RgbImage picture);
}
