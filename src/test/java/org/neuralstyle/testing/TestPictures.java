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

package org.neuralstyle.testing;

import java.util.Random;

import org.neuralstyle.image.RgbImage;

/**
 * Synthetic pictures for stylizer tests: shipped with no licence question and
 * any size.
 */
public final class TestPictures {

	private TestPictures() {}

	/**
	 * A "landscape": a smooth sky in the upper part, textured ground with a
	 * horizon below, a few soft blobs. Its parts differ in statistics, as
	 * photographs do, so tiles of it differ too.
	 */
	public static RgbImage landscape(int width, int height, long seed) {
		Random random = new Random(seed);
		float[] planes = new float[3 * width * height];
		double[][] blobs = new double[6][];
		for (int b = 0; b < blobs.length; b++)
			blobs[b] = new double[] { random.nextDouble() * width, random
				.nextDouble() * height, 10 + random.nextDouble() * width / 6, random
					.nextDouble(), random.nextDouble(), random.nextDouble() };
		double[] grain = new double[3 * width * height];
		for (int i = 0; i < grain.length; i++)
			grain[i] = random.nextGaussian();
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				boolean ground = y > height * (0.45 + 0.06 * Math.sin(x * 0.03));
				for (int c = 0; c < 3; c++) {
					double sky = 0.35 + 0.5 * y / height + 0.1 * c;
					double texture = 0.35 + 0.12 * c + 0.15 * Math.sin(x * 0.21 + c) *
						Math.sin(y * 0.17) + 0.08 * grain[(c * height + y) * width + x];
					double v = ground ? texture : sky;
					for (double[] blob : blobs) {
						double d2 = ((x - blob[0]) * (x - blob[0]) + (y - blob[1]) * (y -
							blob[1])) / (blob[2] * blob[2]);
						v += 0.25 * (blob[3 + c] - 0.5) * Math.exp(-d2);
					}
					planes[(c * height + y) * width + x] = (float) Math.min(1, Math.max(0,
						v));
				}
			}
		return new RgbImage(width, height, planes);
	}
}
