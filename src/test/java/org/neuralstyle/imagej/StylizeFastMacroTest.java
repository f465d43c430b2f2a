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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.fast.TransformerWeights;

/**
 * "Stylize (fast model)" in a real ImageJ 1.x, from the project's
 * plugins.config, driven by a batch macro.
 */
class StylizeFastMacroTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	@BeforeEach
	void needsADisplay() {
		PlainImageJ.requireDisplay();
	}

	private static PlainImageJ imagej(Path dir) throws Exception {
		return new PlainImageJ(dir).withOurPlugins();
	}

	@Test
	void aBatchMacroStylizesEveryPlaneOfAStackWithAModelFile(@TempDir Path dir)
		throws Exception
	{
		Path model = Path.of(getClass().getResource(
			"/fixtures/fast/transformer_net_legacy.pth").toURI());
		String macro = String.join("\n", "out = getArgument();",
			"setBatchMode(true);", "newImage(\"cells\", \"8-bit ramp\", 40, 32, 3);",
			"saveAs(\"Tiff\", out + \"/input.tif\");", "rename(\"cells\");",
			"run(\"Stylize (fast model)\", \"image=cells model_file=[" + model +
				"] scope=[All planes] device=cpu\");",
			"print(\"result: \" + getTitle() + \", \" + nSlices + \" slices, \" + bitDepth() + \"-bit\");",
			"saveAs(\"Tiff\", out + \"/result.tif\");");

		PlainImageJ.Outcome run = imagej(dir).runMacro(macro, dir.toString(),
			TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains("result: cells stylized, 3 slices, 8-bit"),
			run.output());
		ImagePlus input = IJ.openImage(dir.resolve("input.tif").toString());
		ImagePlus result = IJ.openImage(dir.resolve("result.tif").toString());
		assertEquals(3, result.getStackSize());
		assertEquals(40, result.getWidth());
		for (int s = 1; s <= 3; s++) {
			assertFalse(java.util.Arrays.equals((byte[]) input.getStack().getPixels(
				s), (byte[]) result.getStack().getPixels(s)), "slice " + s +
					" was stylized");
		}
	}

	@Test
	void theRecorderWritesTheRegionKeysAndTheRecordedLineReplaysTheSameResult(
		@TempDir Path dir) throws Exception
	{
		Path model = Path.of(getClass().getResource(
			"/fixtures/fast/transformer_net_legacy.pth").toURI());
		Path second = dir.resolve("second.safetensors");
		TransformerWeights.pytorchDefault(7).write(second);
		String probe = RecorderProbe.class.getName();
		// Label 1 on the left third, 0 in the middle, 2 on the right.
		String macro = String.join("\n", "out = getArgument();",
			"newImage(\"bands\", \"8-bit black\", 72, 32, 1);",
			"makeRectangle(0, 0, 24, 32); run(\"Set...\", \"value=1\");",
			"makeRectangle(48, 0, 24, 32); run(\"Set...\", \"value=2\");",
			"run(\"Select None\");", "newImage(\"cells\", \"RGB ramp\", 72, 32, 1);",
			"saveAs(\"Tiff\", out + \"/input.tif\"); rename(\"cells\");", "call(\"" +
				probe + ".start\");", "call(\"" + probe +
					".answer\", \"Stylize (fast model)\", \"image=cells;model_file=" +
					model + ";regions=bands;model_2=" + second +
					";feather=2;device=cpu\");", "selectImage(\"cells\");",
			"run(\"Stylize (fast model)\");",
			"saveAs(\"Tiff\", out + \"/interactive.tif\"); close();",
			"lines = split(call(\"" + probe + ".text\"), \"\\n\");", "line = \"\";",
			"for (i = 0; i < lines.length; i++) if (indexOf(lines[i], \"Stylize (fast model)\") >= 0) line = lines[i];",
			"print(\"recorded: \" + line);", "setBatchMode(true);",
			"selectImage(\"cells\");", "eval(line);",
			"print(\"replayed: \" + getTitle());",
			"saveAs(\"Tiff\", out + \"/replayed.tif\");");

		PlainImageJ.Outcome run = imagej(dir).runMacro(macro, dir.toString(),
			TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		Matcher recorded = Pattern.compile(
			"recorded: run\\(\"Stylize \\(fast model\\)\", \"(.*)\"\\);").matcher(run
				.output());
		assertTrue(recorded.find(), run.output());
		String options = recorded.group(1);
		for (String key : List.of("regions=bands", "model_2=" + second,
			"feather=2"))
			assertTrue(options.contains(key), options);
		assertTrue(run.output().contains("replayed: cells stylized"), run.output());
		int[] input = pixels(dir.resolve("input.tif")), interactive = pixels(dir
			.resolve("interactive.tif")), replayed = pixels(dir.resolve(
				"replayed.tif"));
		assertArrayEquals(interactive, replayed,
			"the recorded line gives the dialog's result");
		// Label 0, far from the bands' edges, keeps the input; the regions do not.
		for (int y = 0; y < 32; y++) {
			assertEquals(input[y * 72 + 36], interactive[y * 72 + 36], "row " + y);
			assertNotEquals(input[y * 72 + 5], interactive[y * 72 + 5], "row " + y);
			assertNotEquals(input[y * 72 + 66], interactive[y * 72 + 66], "row " + y);
		}
	}

	private static int[] pixels(Path tiff) {
		return (int[]) IJ.openImage(tiff.toString()).getProcessor().getPixels();
	}

	@Test
	void anUnknownModelStopsTheMacroWithOneMessage(@TempDir Path dir)
		throws Exception
	{
		String macro = String.join("\n",
			"newImage(\"cells\", \"RGB ramp\", 16, 16, 1);",
			"run(\"Stylize (fast model)\", \"model=picasso\");",
			"print(\"macro went on\");");

		PlainImageJ.Outcome run = imagej(dir).runMacro(macro, "", TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains(
			"Stylize (fast model): There is no fast model called 'picasso'. Use one of candy, mosaic"),
			run.output());
		assertFalse(run.output().contains("macro went on"), run.output());
	}
}
