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

package org.neuralstyle.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuralstyle.flow.Flicker;
import org.neuralstyle.image.Resampling;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.SyntheticVgg;

/**
 * A synthetic time-lapse, a photograph panning slowly across 8 frames: tied by
 * the temporal loss, the stylized frames flicker at most half as much as frames
 * stylized on their own with the same settings.
 */
class PlaneSequenceTest {

	static GatysStylizer stylizer;

	@BeforeAll
	static void load() throws Exception {
		stylizer = new GatysStylizer(new SyntheticVgg(GatysStylizerTest.TINY, 7),
			Device.cpu());
	}

	@AfterAll
	static void close() {
		stylizer.close();
	}

	/** A sample image at {@code width} pixels across. */
	static RgbImage sample(String name, int width) throws Exception {
		BufferedImage b = ImageIO.read(new File("sample-images/" + name));
		int w = b.getWidth(), h = b.getHeight(), n = w * h;
		float[] p = new float[3 * n];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int rgb = b.getRGB(x, y);
				p[y * w + x] = ((rgb >> 16) & 255) / 255f;
				p[n + y * w + x] = ((rgb >> 8) & 255) / 255f;
				p[2 * n + y * w + x] = (rgb & 255) / 255f;
			}
		int[] size = Resampling.fitLongSide(w, h, width);
		return Resampling.resize(new RgbImage(w, h, p), size[0], size[1]);
	}

	/** 8 windows of {@code world}, each 1.5 pixels right of the one before. */
	static List<RgbImage> pan(RgbImage world, int w, int h) {
		List<RgbImage> frames = new ArrayList<>();
		for (int k = 0; k < 8; k++) {
			float x0 = 8 + 1.5f * k;
			float[] p = new float[3 * w * h];
			for (int c = 0; c < 3; c++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						int xi = (int) (x0 + x);
						float f = x0 + x - xi;
						p[(c * h + y) * w + x] = (1 - f) * world.get(c, xi, y + 6) + f *
							world.get(c, xi + 1, y + 6);
					}
			frames.add(new RgbImage(w, h, p));
		}
		return frames;
	}

	static Flicker flicker(List<RgbImage> frames, RgbImage style,
		double temporalWeight) throws Exception
	{
		StyleTransferSettings s = new StyleTransferSettings();
		s.iterations = 20;
		s.snapshotEvery = 0;
		s.temporalWeight = temporalWeight;
		PlaneSequence sequence = new PlaneSequence(stylizer, List.of(
			new GatysStylizer.Style(style, 1)), s);
		for (RgbImage frame : frames)
			assertEquals(StylizationResult.Outcome.COMPLETED, sequence.next(frame,
				new StylizationListener()
				{}).outcome());
		return sequence.flicker();
	}

	@Test
	void theTemporalLossHalvesTheFlickerOfAPan() throws Exception {
		RgbImage world = sample("chelsea.png", 96);
		RgbImage style = sample("brick.png", 48);
		List<RgbImage> frames = pan(world, 64, 48);
		Flicker independent = flicker(frames, style, 0);
		Flicker tied = flicker(frames, style, 1e4);
		assertEquals(7, tied.pairs());
		System.out.println("independent: " + independent.summary() + "; tied: " +
			tied.summary());
		assertTrue(tied.relative() <= independent.relative() / 2, "independent " +
			independent.summary() + ", tied " + tied.summary());
	}
}
