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

import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.awt.Rectangle;

/**
 * The part of a plane a selection asks to stylize. Only the selection's
 * bounding box (clipped to the image) is handed to the stylizer, which saves
 * work and keeps the style's scale relative to what was selected; the stylized
 * box is then written back inside the selection only, so outside it the result
 * is the input, pixel for pixel. Without an area selection (none, or a line or
 * point selection) the region is the whole plane.
 */
final class SelectionRegion {

	private final Rectangle bounds;
	private final ImageProcessor mask; // null: every pixel of the bounds

	private SelectionRegion(Rectangle bounds, ImageProcessor mask) {
		this.bounds = bounds;
		this.mask = mask;
	}

	static SelectionRegion of(Roi selection, int width, int height) {
		if (selection == null || !selection.isArea()) return new SelectionRegion(
			new Rectangle(0, 0, width, height), null);
		// ImageProcessor.setRoi clips the selection and its mask to the image, as
		// ImageJ's own filters do.
		ImageProcessor probe = new ByteProcessor(width, height);
		probe.setRoi(selection);
		Rectangle bounds = probe.getRoi();
		if (bounds.width <= 0 || bounds.height <= 0)
			throw new IllegalArgumentException(
				"The selection lies outside the image: select an area inside the image, or none to stylize all of it.");
		return new SelectionRegion(bounds, probe.getMask());
	}

	boolean isWholePlane(int width, int height) {
		return mask == null && bounds.x == 0 && bounds.y == 0 &&
			bounds.width == width && bounds.height == height;
	}

	/** The selection's bounding box of the plane, as a new processor. */
	ImageProcessor crop(ImageProcessor plane) {
		if (isWholePlane(plane.getWidth(), plane.getHeight())) return plane
			.duplicate();
		plane.setRoi(bounds);
		ImageProcessor cropped = plane.crop();
		plane.resetRoi();
		return cropped;
	}

	/**
	 * A copy of {@code original} with the pixels inside the selection taken from
	 * {@code stylized}, which covers the bounding box and has the original's
	 * pixel type.
	 */
	ImageProcessor blend(ImageProcessor original, ImageProcessor stylized) {
		if (stylized.getWidth() != bounds.width || stylized
			.getHeight() != bounds.height) throw new IllegalArgumentException(
				"Expected a " + bounds.width + "x" + bounds.height + " plane, got " +
					stylized.getWidth() + "x" + stylized.getHeight());
		ImageProcessor result = original.duplicate();
		boolean floats = original instanceof FloatProcessor;
		for (int y = 0; y < bounds.height; y++) {
			for (int x = 0; x < bounds.width; x++) {
				if (mask != null && mask.get(x, y) == 0) continue;
				if (floats) result.setf(bounds.x + x, bounds.y + y, stylized.getf(x,
					y));
				else result.set(bounds.x + x, bounds.y + y, stylized.get(x, y));
			}
		}
		return result;
	}
}
