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

package org.neuralstyle.imagej;

import ij.ImagePlus;
import org.neuralstyle.image.RgbImage;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.neuralstyle.imagej.planes.PlaneStylizer;
import org.neuralstyle.imagej.planes.Scope;
import org.neuralstyle.imagej.planes.StackStylizing;
import org.neuralstyle.imagej.planes.ProgressReporter;

/**
 * A test-only command with the shape of the real ones (an image, a scope,
 * numbers, a flag, an image output), whose "style" is a colour matrix: a blend
 * towards the negative, optionally with red and blue swapped, applied
 * {@code passes} times.
 */
@Plugin(type = Command.class,
	menuPath = "Plugins>Style Transfer Test>Invert (test)")
public class InvertTestCommand implements Command {

	@Parameter
	private LogService log;

	@Parameter
	private ImagePlus image;

	@Parameter(choices = { "Current plane", "All planes" })
	private String scope = "Current plane";

	@Parameter(min = "0", max = "1")
	private double amount = 1;

	@Parameter
	private boolean swap_red_blue;

	@Parameter(min = "1", max = "3")
	private int passes = 1;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	@Override
	public void run() {
		PlaneStylizer matrix = (picture, progress) -> {
			RgbImage p = picture;
			for (int i = 0; i < passes; i++)
				p = apply(p);
			return p;
		};
		try {
			result = StackStylizing.run(image, Scope.parse(scope), matrix,
				ProgressReporter.SILENT).image();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		log.info("Inverted " + image.getTitle() + " (" + scope + ")");
	}

	private RgbImage apply(RgbImage picture) {
		int n = picture.width() * picture.height();
		float[] in = picture.planes();
		float[] out = new float[in.length];
		for (int c = 0; c < 3; c++) {
			int from = swap_red_blue ? 2 - c : c;
			for (int i = 0; i < n; i++) {
				float v = in[from * n + i];
				out[c * n + i] = (float) ((1 - amount) * v + amount * (1 - v));
			}
		}
		return new RgbImage(picture.width(), picture.height(), out);
	}
}
