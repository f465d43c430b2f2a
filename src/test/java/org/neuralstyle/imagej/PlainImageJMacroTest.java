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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn;

/**
 * Our commands in a real ImageJ 1.x, found through plugins.config and driven by
 * a macro.
 */
class PlainImageJMacroTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final String TEST_CONFIG =
		"Plugins>Style Transfer Test, \"Invert (test)\", " +
			"org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn(\"" +
			InvertTestCommand.class.getName() + "\")\n";

	@BeforeEach
	void needsADisplay() {
		PlainImageJ.requireDisplay();
	}

	@Test
	void aMacroRunsOurCommandOnAStackWithASelection(@TempDir Path dir)
		throws Exception
	{
		PlainImageJ imagej = new PlainImageJ(dir);
		PlainImageJ.writeConfigJar(imagej.plugins().resolve(
			"Style_Transfer_Test.jar"), TEST_CONFIG);
		String macro = String.join("\n", "out = getArgument();",
			"newImage(\"cells\", \"8-bit ramp\", 64, 48, 3);",
			"saveAs(\"Tiff\", out + \"/input.tif\");", "rename(\"cells\");",
			"setSlice(2);", "makeOval(10, 8, 30, 20);",
			"run(\"Invert (test)\", \"image=cells scope=[All planes] amount=1 passes=1\");",
			"print(\"result: \" + getTitle() + \", \" + nSlices + \" slices, \" + bitDepth() + \"-bit\");",
			"saveAs(\"Tiff\", out + \"/result.tif\");");

		PlainImageJ.Outcome run = imagej.runMacro(macro, dir.toString(), TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains("result: cells stylized, 3 slices, 8-bit"),
			run.output());
		ImagePlus input = IJ.openImage(dir.resolve("input.tif").toString());
		ImagePlus result = IJ.openImage(dir.resolve("result.tif").toString());
		assertEquals(3, result.getStackSize());
		ImageProcessor mask = new OvalRoi(10, 8, 30, 20).getMask();
		for (int s = 1; s <= 3; s++) {
			ImageProcessor in = input.getStack().getProcessor(s), out = result
				.getStack().getProcessor(s);
			for (int y = 0; y < 48; y++) {
				for (int x = 0; x < 64; x++) {
					boolean inside = x >= 10 && x < 40 && y >= 8 && y < 28 && mask.get(x -
						10, y - 8) != 0;
					assertEquals(inside ? 255 - in.get(x, y) : in.get(x, y), out.get(x,
						y), "slice " + s + " at " + x + "," + y);
				}
			}
		}
	}

	@Test
	void aBadValueStopsTheMacroWithOneMessageAndNoDialog(@TempDir Path dir)
		throws Exception
	{
		PlainImageJ imagej = new PlainImageJ(dir);
		PlainImageJ.writeConfigJar(imagej.plugins().resolve(
			"Style_Transfer_Test.jar"), TEST_CONFIG);
		String macro = String.join("\n",
			"newImage(\"cells\", \"RGB ramp\", 16, 16, 1);",
			"run(\"Invert (test)\", \"amount=5\");", "print(\"macro went on\");");

		PlainImageJ.Outcome run = imagej.runMacro(macro, "", TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains(
			"Invert (test): 'amount' must be between 0 and 1, not 5."), run.output());
		assertFalse(run.output().contains("macro went on"), run.output());
	}

	@Test
	void pluginsConfigGivesPlainImageJTheMenuOnlyFromThePluginsFolder(
		@TempDir Path dir) throws Exception
	{
		String config = mainPluginsConfig();
		assertTrue(config.contains("\"Stylize (optimize)\""), config);
		String macro = String.join("\n", "List.setCommands;",
			"print(\"optimize -> \" + List.get(\"Stylize (optimize)\"));",
			"print(\"fast -> \" + List.get(\"Stylize (fast model)\"));");

		PlainImageJ plain = new PlainImageJ(dir.resolve("plain"));
		PlainImageJ.writeConfigJar(plain.plugins().resolve("Neural_Style.jar"),
			config);
		PlainImageJ.Outcome inPlugins = plain.runMacro(macro, "", TIMEOUT);
		assertTrue(inPlugins.output().contains(
			"optimize -> org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn(\"org.neuralstyle.imagej.StylizeOptimizeCommand\")"),
			inPlugins.output());
		assertTrue(inPlugins.output().contains(
			"fast -> org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn(\"org.neuralstyle.imagej.StylizeFastCommand\")"),
			inPlugins.output());

		// Fiji's layout (jar in jars/), and a jar whose name has no underscore: no
		// ImageJ 1.x entries.
		PlainImageJ fijiLike = new PlainImageJ(dir.resolve("fiji-like"));
		PlainImageJ.writeConfigJar(fijiLike.root().resolve("jars").resolve(
			"Neural_Style.jar"), config);
		PlainImageJ.writeConfigJar(fijiLike.plugins().resolve(
			"neural-style-0.1.0.jar"), config);
		PlainImageJ.Outcome elsewhere = fijiLike.runMacro(macro, "", TIMEOUT);
		assertTrue(elsewhere.output().contains("optimize -> \n") || elsewhere
			.output().contains("optimize -> \r"), elsewhere.output());
		assertTrue(elsewhere.output().contains("fast -> \n") || elsewhere.output()
			.contains("fast -> \r"), elsewhere.output());
	}

	private static String mainPluginsConfig() throws IOException {
		try (InputStream in = SciJavaCommandPlugIn.class.getResourceAsStream(
			"/plugins.config"))
		{
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
