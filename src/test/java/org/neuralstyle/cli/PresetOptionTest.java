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

package org.neuralstyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.neuralstyle.optim.LineSearch;
import org.neuralstyle.optim.OptimizerKind;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.preset.Preset;
import org.neuralstyle.optimize.preset.Presets;

import picocli.CommandLine;

/**
 * {@code optimize --preset}: a preset's settings, with the options given
 * explicitly replacing its values and the others keeping them.
 */
class PresetOptionTest {

	private static OptimizeCommand parsed(String... args) {
		CommandLine cl = new CommandLine(new OptimizeCommand());
		cl.parseArgs(args);
		return cl.getCommand();
	}

	@Test
	void aPresetSetsEverySettingItNames() {
		OptimizeCommand c = parsed("--preset", "yunjey");
		StyleTransferSettings s = c.settings();
		assertEquals(2000, s.iterations);
		assertEquals(OptimizerKind.ADAM, s.optimizer);
		assertEquals(0.003, s.learningRate);
		assertEquals(0.5, s.adamBeta1);
		assertEquals(StyleTransferSettings.Clamping.NONE, s.clamping);
		assertEquals(100, s.styleWeight);
		assertEquals("vgg19", c.network());
		assertEquals("vgg16", parsed("--preset", "keras-vgg16").network());
	}

	@Test
	void optionsGivenReplaceThePresetsValuesOnly() {
		OptimizeCommand c = parsed("--preset", "yunjey", "--iterations", "5",
			"--adam-betas", "0.9,0.99", "--style-weight", "1e6");
		StyleTransferSettings s = c.settings();
		assertEquals(5, s.iterations);
		assertEquals(0.9, s.adamBeta1);
		assertEquals(0.99, s.adamBeta2);
		// Given with the engine's default value: still given.
		assertEquals(1e6, s.styleWeight);
		assertEquals(0.003, s.learningRate, "not given: the preset's");
		assertEquals(StyleTransferSettings.Variable.NETWORK_INPUT, s.variable);
		assertEquals("vgg19", parsed("--preset", "keras-vgg16", "--network",
			"vgg19").network());
		assertEquals(LineSearch.NONE, parsed("--preset", "keras-vgg16",
			"--line-search", "none").settings().lineSearch);
	}

	@Test
	void withoutAPresetTheEngineDefaultsHold() {
		StyleTransferSettings s = parsed().settings();
		StyleTransferSettings d = new StyleTransferSettings();
		// Without a progress file there are no snapshots to take.
		assertEquals(0, s.snapshotEvery);
		s.snapshotEvery = d.snapshotEvery;
		for (Preset.Row row : rows(s))
			assertEquals(rows(d).stream().filter(r -> r.setting().equals(row
				.setting())).findFirst().orElseThrow().value(), row.value(), row
					.setting());
	}

	private static java.util.List<Preset.Row> rows(StyleTransferSettings s) {
		return new Preset("x", "x", "x", "vgg19", Preset.Kind.OPTIMIZE, () -> s,
			java.util.Map.of()).rows();
	}

	@Test
	void theTutorialPresetIsTheEngineDefaultButForKeepingTheBest() {
		StyleTransferSettings tutorial = Presets.named(Presets.PYTORCH_TUTORIAL)
			.settings();
		// The default returns the best image seen; the tutorial its last.
		assertTrue(new StyleTransferSettings().keepBest);
		assertTrue(!tutorial.keepBest);
		tutorial.keepBest = true;
		// and searches lines, where the tutorial takes fixed steps.
		assertEquals(LineSearch.STRONG_WOLFE,
			new StyleTransferSettings().lineSearch);
		tutorial.lineSearch = LineSearch.STRONG_WOLFE;
		for (Preset.Row r : rows(tutorial))
			assertEquals(rows(new StyleTransferSettings()).stream().filter(d -> d
				.setting().equals(r.setting())).findFirst().orElseThrow().value(), r
					.value(), r.setting());
	}

	@Test
	void listPrintsEveryPresetWithItsSources() {
		PrintStream old = System.out;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		int rc;
		try {
			rc = Main.run("optimize", "--preset", "list");
		}
		finally {
			System.setOut(old);
		}
		String text = out.toString(StandardCharsets.UTF_8);
		assertEquals(0, rc);
		for (Preset p : Presets.all())
			assertTrue(text.contains(p.name() + ": "), p.name());
		assertTrue(text.contains("seed 000 line 57: betas=[0.5, 0.999]"), text);
		assertTrue(text.contains("seed 001 line 193"), text);
		assertTrue(text.contains("seed 004 line 147"), text);
	}

	@Test
	void unknownOrTrainingPresetsAreRefusedWithTheChoices() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> parsed("--preset", "nope").settings());
		assertTrue(e.getMessage().contains("pytorch-tutorial"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> parsed("--preset",
			"johnson").settings());
		assertTrue(e.getMessage().contains("train"), e.getMessage());
	}
}
