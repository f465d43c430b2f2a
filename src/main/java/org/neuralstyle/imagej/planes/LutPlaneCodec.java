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

import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import org.neuralstyle.image.RgbImage;

/**
 * Single-channel planes (8, 16 or 32 bits) as ImageJ displays them: a value's
 * place in the display range (min to max) picks a colour of the LUT. Back from
 * RGB, each pixel gets the value whose displayed colour is nearest (see
 * {@link LutCurve}); for a gray LUT that is the luminance mapped through the
 * display range. Values outside the display range therefore come back clamped
 * to it: what is not shown cannot be stylized.
 * <p>
 * Positions are kept as floats rather than quantized to the LUT's 256 entries,
 * so 16- and 32-bit data keep their precision inside the display range.
 */
public final class LutPlaneCodec implements PlaneCodec {

	private final LUT lut;
	private final LutCurve curve;
	private final double min;
	private final double max;
	private final int bitDepth;

	public LutPlaneCodec(LUT lut, double min, double max, int bitDepth) {
		if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32)
			throw new IllegalArgumentException(
				"Expected an 8-, 16- or 32-bit plane, got " + bitDepth + " bits");
		if (!(max > min)) throw new IllegalArgumentException("The display range " +
			min + " to " + max +
			" is empty: set a display range with Image>Adjust>Brightness/Contrast first.");
		// An infinite end (one ±Inf pixel sets it) maps every finite value to one
		// colour: a flat result.
		if (Double.isInfinite(min) || Double.isInfinite(max))
			throw new IllegalArgumentException("The display range " + min + " to " +
				max +
				" has an infinite end (the image holds an infinite value), so every " +
				"pixel would show as one colour: set a finite display range with Image>Adjust>Brightness/Contrast first.");
		this.lut = lut;
		this.curve = new LutCurve(lut);
		this.min = min;
		this.max = max;
		this.bitDepth = bitDepth;
	}

	@Override
	public RgbImage toRgb(ImageProcessor plane) {
		if (plane.getBitDepth() != bitDepth) throw new IllegalArgumentException(
			"Expected a " + bitDepth + "-bit plane, got " + plane.getBitDepth() +
				" bits");
		int w = plane.getWidth(), h = plane.getHeight(), n = w * h;
		float[] planes = new float[3 * n];
		float[] rgb = new float[3];
		float scale = (float) (1 / (max - min));
		for (int i = 0; i < n; i++) {
			curve.colourAt((float) ((plane.getf(i) - min) * scale), rgb);
			planes[i] = rgb[0];
			planes[n + i] = rgb[1];
			planes[2 * n + i] = rgb[2];
		}
		return new RgbImage(w, h, planes);
	}

	@Override
	public ImageProcessor fromRgb(RgbImage picture) {
		int w = picture.width(), h = picture.height(), n = w * h;
		float[] planes = picture.planes();
		ImageProcessor out = switch (bitDepth) {
			case 8 -> new ByteProcessor(w, h);
			case 16 -> new ShortProcessor(w, h);
			default -> new FloatProcessor(w, h);
		};
		double range = max - min;
		long largest = bitDepth == 8 ? 255 : 65535;
		for (int i = 0; i < n; i++) {
			double value = min + range * curve.nearestPosition(planes[i], planes[n +
				i], planes[2 * n + i]);
			if (bitDepth == 32) out.setf(i, (float) value);
			else out.set(i, (int) Math.min(Math.max(Math.round(value), 0), largest));
		}
		out.setLut(lut);
		out.setMinAndMax(min, max);
		return out;
	}
}
