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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.checkpoint.SafetensorsWriter;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagefile.RgbPixels;
import org.neuralstyle.optimize.RegionsTest;
import org.neuralstyle.weights.Sha256;

/**
 * A style per region in a real ImageJ 1.x macro (batch mode): two rectangles in
 * the ROI Manager, then a label image, take a red style on the left and a blue
 * one on the right; the trace goes to the result's Info and a file.
 */
class RegionsMacroTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(300);

	@TempDir
	Path dir;

	@BeforeEach
	void needsADisplay() {
		PlainImageJ.requireDisplay();
	}

	private PlainImageJ imagej() throws IOException {
		return new PlainImageJ(dir.resolve("imagej")).offline(dir.resolve(
			"weights-cache"))
			// One PyTorch thread, as the build's own tests: tiny tensors on busy
			// cores.
			.withJvmOption("-Dai.djl.pytorch.num_threads=1").withJvmOption(
				"-Dai.djl.pytorch.num_interop_threads=1").withOurPlugins();
	}

	private static String quoted(Object path) {
		return "\"" + path.toString().replace("\\", "\\\\") + "\"";
	}

	private Path png(String name, RgbImage picture) {
		Path file = dir.resolve(name);
		new FileSaver(new ImagePlus(name, RgbPixels.toProcessor(picture)))
			.saveAsPng(file.toString());
		return file;
	}

	@Test
	void roiManagerAndLabelImageRegionsFromAMacro() throws Exception {
		Path weights = dir.resolve("small-vgg.safetensors");
		SafetensorsWriter w = new SafetensorsWriter();
		for (String name : RegionsTest.net.names())
			w.add(name, RegionsTest.net.info(name).shape(), RegionsTest.net
				.readFloats(name));
		w.write(weights);
		Path content = png("content.png", RegionsTest.greyContent());
		Path red = png("red.png", RegionsTest.flat(32, 32, 0.9f, 0.1f, 0.1f));
		Path blue = png("blue.png", RegionsTest.flat(32, 32, 0.1f, 0.1f, 0.9f));
		// Red on the left, blue on the right: selected, its left half is a red
		// style.
		RgbImage twoColours = RegionsTest.flat(32, 32, 0.1f, 0.1f, 0.9f);
		for (int i = 0; i < 32 * 32; i++)
			if (i % 32 < 16) {
				twoColours.planes()[i] = 0.9f;
				twoColours.planes()[2 * 32 * 32 + i] = 0.1f;
			}
		Path redBlue = png("redblue.png", twoColours);
		Path labels = dir.resolve("labels.tif");
		int[] halves = RegionsTest.halves();
		ByteProcessor ip = new ByteProcessor(RegionsTest.W, RegionsTest.H);
		for (int i = 0; i < halves.length; i++)
			ip.set(i, halves[i]);
		IJ.saveAsTiff(new ImagePlus("labels", ip), labels.toString());
		Path fromRois = dir.resolve("rois.tif"), fromLabels = dir.resolve(
			"labels-result.tif"), trace = dir.resolve("trace.json"), fromSelection =
				dir.resolve("selection.tif");
		String options = " style=red.png style_2=blue.png iterations=60 weights=[" +
			weights + "]";
		PlainImageJ.Outcome run = imagej().runMacro(String.join("\n",
			"setBatchMode(true);", "open(" + quoted(content) + ");", "open(" + quoted(
				red) + ");", "open(" + quoted(blue) + ");", "open(" + quoted(labels) +
					");", "selectImage(\"content.png\");", "roiManager(\"reset\");",
			"makeRectangle(0, 0, 32, 32);", "roiManager(\"add\");",
			"makeRectangle(32, 0, 32, 32);", "roiManager(\"add\");",
			"run(\"Select None\");",
			"run(\"Stylize (optimize)\", \"content=content.png regions=[ROI Manager] trace=[" +
				trace + "]" + options + "\");", "print(\"rois: \" + getTitle());",
			"saveAs(\"Tiff\", " + quoted(fromRois) + ");",
			"run(\"Stylize (optimize)\", \"content=content.png regions=labels.tif" +
				options + "\");", "print(\"labels: \" + getTitle());",
			"saveAs(\"Tiff\", " + quoted(fromLabels) + ");", "open(" + quoted(
				redBlue) + ");", "makeRectangle(0, 0, 16, 32);",
			"run(\"Stylize (optimize)\", \"content=content.png regions=labels.tif style=redblue.png style_2=blue.png iterations=60 weights=[" +
				weights + "]\");", "print(\"selection: \" + getTitle());",
			"saveAs(\"Tiff\", " + quoted(fromSelection) + ");"), "", TIMEOUT);
		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains("rois: content stylized") && run.output()
			.contains("labels: content stylized"), run.output());
		for (Path result : new Path[] { fromRois, fromLabels, fromSelection }) {
			ImagePlus saved = IJ.openImage(result.toString());
			RegionsTest.assertRedLeftBlueRight(RgbPixels.toRgb((ColorProcessor) saved
				.getProcessor()), "ImageJ macro, " + result.getFileName());
			String info = saved.getInfoProperty();
			assertTrue(info.contains(result == fromRois ? "regions=[ROI Manager]"
				: "regions=[labels.tif]"), info);
			assertTrue(info.contains("Trace: {") && info.contains(Sha256.of(weights)),
				info);
		}
		String json = Files.readString(trace);
		assertTrue(json.contains("\"regions\": \"ROI Manager\"") && json.contains(
			"\"losses\""), json);
	}
}
