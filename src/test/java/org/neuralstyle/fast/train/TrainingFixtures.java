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

package org.neuralstyle.fast.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.testing.MapStateDict;
import org.neuralstyle.checkpoint.CheckpointException;

/** Small training sets, style images and loss networks for training tests. */
final class TrainingFixtures {

	/**
	 * A VGG16-like loss network of 4 and 8 channels: it has relu1_2 … relu4_3 and
	 * runs in microseconds.
	 */
	static MapStateDict tinyVgg16() throws CheckpointException {
		return MapStateDict.vgg(7, 4, 4, "M", 8, 8, "M", 8, 8, 8, "M", 8, 8, 8);
	}

	/**
	 * Writes {@code count} PNG pictures of smooth shapes (not noise, so that
	 * content is learnable).
	 */
	static void writeImages(Path folder, int count, int width, int height,
		long seed) throws IOException
	{
		Files.createDirectories(folder);
		Random random = new Random(seed);
		for (int i = 0; i < count; i++) {
			BufferedImage image = new BufferedImage(width, height,
				BufferedImage.TYPE_INT_RGB);
			double cx = random.nextDouble() * width, cy = random.nextDouble() *
				height, r = (0.2 + 0.3 * random.nextDouble()) * width;
			int inside = random.nextInt(0xffffff), outside = random.nextInt(0xffffff);
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++) {
					double shade = (double) x / width;
					int base = Math.hypot(x - cx, y - cy) < r ? inside : outside;
					image.setRGB(x, y, scale(base, 0.6 + 0.4 * shade));
				}
			ImageIO.write(image, "png", folder.resolve("image" + i + ".png")
				.toFile());
		}
	}

	private static int scale(int rgb, double f) {
		int r = (int) (((rgb >> 16) & 0xff) * f), g = (int) (((rgb >> 8) & 0xff) *
			f), b = (int) ((rgb & 0xff) * f);
		return (r << 16) | (g << 8) | b;
	}

	/** Diagonal stripes: a style with strong, simple Gram statistics. */
	static RgbImage stripes(int size) {
		float[] planes = new float[3 * size * size];
		int n = size * size;
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				boolean on = ((x + y) / 3) % 2 == 0;
				planes[y * size + x] = on ? 0.9f : 0.1f;
				planes[n + y * size + x] = on ? 0.7f : 0.2f;
				planes[2 * n + y * size + x] = on ? 0.1f : 0.8f;
			}
		return new RgbImage(size, size, planes);
	}

	/**
	 * Reads with the JDK's ImageIO (the engine leaves the choice of reader to its
	 * caller).
	 */
	static RgbImage read(Path file) throws IOException {
		BufferedImage image = ImageIO.read(file.toFile());
		if (image == null) throw new IOException("not an image ImageIO can read");
		int w = image.getWidth(), h = image.getHeight(), n = w * h;
		float[] planes = new float[3 * n];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int rgb = image.getRGB(x, y);
				planes[y * w + x] = ((rgb >> 16) & 0xff) / 255f;
				planes[n + y * w + x] = ((rgb >> 8) & 0xff) / 255f;
				planes[2 * n + y * w + x] = (rgb & 0xff) / 255f;
			}
		return new RgbImage(w, h, planes);
	}

	/** Settings of a quick run: 32-pixel images, batches of 2. */
	static FastTrainingSettings quick(int steps) {
		FastTrainingSettings s = new FastTrainingSettings();
		s.imageSize = 32;
		s.batchSize = 2;
		s.steps = steps;
		return s;
	}

	private TrainingFixtures() {}
}
