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

import boofcv.abst.flow.DenseOpticalFlow;
import boofcv.factory.flow.ConfigHornSchunckPyramid;
import boofcv.factory.flow.FactoryDenseOpticalFlow;
import boofcv.struct.flow.ImageFlow;
import boofcv.struct.image.GrayF32;

import org.neuralstyle.image.Luminance;
import org.neuralstyle.image.RgbImage;

/**
 * Dense optical flow between two pictures, from their luminance: BoofCV's
 * pyramidal Horn-Schunck (a coarse-to-fine variational method, so motion of
 * many pixels is followed, and every pixel gets a vector). BoofCV is pure Java
 * and runs wherever the plugin does; OpenCV's Java builds would add natives for
 * each platform for the same job.
 */
public final class OpticalFlow {

	private OpticalFlow() {}

	/**
	 * The motion from {@code from} to {@code to} (same size): pixel (x, y) of
	 * {@code from} is at (x + dx, y + dy) in {@code to}.
	 */
	public static FlowField between(RgbImage from, RgbImage to) {
		if (from.width() != to.width() || from.height() != to.height())
			throw new IllegalArgumentException("Optical flow needs two pictures of " +
				"one size, not " + from.width() + "×" + from.height() + " and " + to
					.width() + "×" + to.height());
		int w = from.width(), h = from.height();
		// A new instance per pair: BoofCV's flow keeps per-size work images and is
		// not safe to share between threads.
		DenseOpticalFlow<GrayF32> flow = FactoryDenseOpticalFlow.hornSchunckPyramid(
			config(), GrayF32.class);
		ImageFlow out = new ImageFlow(w, h);
		flow.process(gray(from), gray(to), out);
		float[] dx = new float[w * h], dy = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				ImageFlow.D d = out.get(x, y);
				boolean valid = d.isValid();
				dx[y * w + x] = valid ? d.x : Float.NaN;
				dy[y * w + x] = valid ? d.y : Float.NaN;
			}
		return new FlowField(w, h, dx, dy);
	}

	/**
	 * The smoothness weight: BoofCV's default, 0.05, follows sensor noise of a
	 * percent of the range with vectors off by half a pixel, and the consistency
	 * check then drops most pixels; 0.5 stays within 0.05 pixels of a noisy pan
	 * and is still exact on a clean one (FlowTest, and probes at 0.2 to 2).
	 */
	private static final float SMOOTHNESS = 0.5f;

	private static ConfigHornSchunckPyramid config() {
		ConfigHornSchunckPyramid config = new ConfigHornSchunckPyramid();
		config.alpha = SMOOTHNESS;
		return config;
	}

	/**
	 * Luminance in 0..255, as BoofCV's examples give it (the flow is the same for
	 * 0..1).
	 */
	private static GrayF32 gray(RgbImage img) {
		float[] y = Luminance.of(img);
		GrayF32 g = new GrayF32(img.width(), img.height());
		for (int i = 0; i < y.length; i++)
			g.data[i] = 255 * y[i];
		return g;
	}
}
