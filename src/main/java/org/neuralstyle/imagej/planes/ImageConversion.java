package org.neuralstyle.imagej.planes;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import org.neuralstyle.image.RgbImage;

/**
 * Conversions the commands need outside a stack run: a style image as the engine sees it, and
 * engine pictures (snapshots, results) as ImageJ RGB planes.
 */
public final class ImageConversion {

	private static final RgbPlaneCodec RGB = new RgbPlaneCodec();

	private ImageConversion() {
	}

	/**
	 * The plane on display, whole (a selection is ignored), as the user sees it: RGB as is,
	 * 8/16/32-bit through LUT and display range, composites with all active channels merged.
	 */
	public static RgbImage displayedPlane(ImagePlus image) {
		ImagePlanes planes = ImagePlanes.of(image);
		return planes.codec().toRgb(planes.plane(planes.current()));
	}

	/** An engine picture as an 8-bit-per-channel RGB plane. */
	public static ColorProcessor toColorProcessor(RgbImage picture) {
		return RGB.fromRgb(picture);
	}
}
