package org.neuralstyle.imagej.planes;

import ij.process.ImageProcessor;
import org.neuralstyle.image.RgbImage;

/**
 * How the planes of one image become the RGB pictures the engine stylizes, and how a stylized
 * picture becomes a plane of the result again. The result plane has the pixel type of the
 * result image (the input's type, or RGB for composites), so blending into the input happens
 * between pixels of the same kind.
 */
public interface PlaneCodec {

	/** The RGB picture of a plane as the user sees it. */
	RgbImage toRgb(ImageProcessor plane);

	/** A plane of the result's pixel type whose display is as close as possible to the picture. */
	ImageProcessor fromRgb(RgbImage picture);
}
