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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.SyntheticVgg;

/**
 * A whole run with tiles, whose content targets wait in a temporary file,
 * against the same run untiled: the same losses and nearly the same image, and
 * no file left behind.
 */
class TiledRunTest {

	@Test
	void aTiledRunMatchesTheUntiledOneAndLeavesNoFile() throws Exception {
		long before = targetFiles();
		RgbImage content = GatysStylizerTest.noise(44, 36, 1);
		try (GatysStylizer stylizer = new GatysStylizer(new SyntheticVgg(
			GatysStylizerTest.TINY, 7), Device.cpu()))
		{
			GatysStylizerTest.Recorder whole = new GatysStylizerTest.Recorder();
			GatysStylizerTest.Recorder tiled = new GatysStylizerTest.Recorder();
			StyleTransferSettings s = GatysStylizerTest.settings(20);
			s.tile = 0;
			StylizationResult a = stylizer.run(content, GatysStylizerTest.style(), s,
				whole);
			s.tile = 12;
			StylizationResult b = stylizer.run(content, GatysStylizerTest.style(), s,
				tiled);
			LossValues first = whole.losses.get(0), firstTiled = tiled.losses.get(0);
			assertEquals(first.style(), firstTiled.style(), 1e-5 * first.style());
			assertEquals(first.total(), firstTiled.total(), 1e-5 * first.total());
			// After 20 L-BFGS iterations the content loss is no longer 0: compare it
			// too.
			assertEquals(a.losses().content(), b.losses().content(), 1e-3 * a.losses()
				.content());
			float[] p = a.image().planes(), q = b.image().planes();
			double squared = 0;
			for (int i = 0; i < p.length; i++)
				squared += (p[i] - q[i]) * (p[i] - q[i]);
			double psnr = 10 * Math.log10(1 / (squared / p.length));
			assertTrue(psnr >= 40, "PSNR tiled against untiled: " + psnr + " dB");
		}
		assertEquals(before, targetFiles(), "content target files left behind");
	}

	private static long targetFiles() throws IOException {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty(
			"java.io.tmpdir"))))
		{
			return files.filter(f -> f.getFileName().toString().startsWith(
				"neural-style-content-")).count();
		}
	}
}
