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

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;
import org.neuralstyle.optim.OptimizerKind;
import org.neuralstyle.optimize.StyleTransferSettings;

/**
 * The {@code preset} key of Stylize (optimize): the preset's settings, with
 * each key whose value differs from the engine's default replacing them.
 */
class PresetKeyTest {

	private static StylizeOptimizeCommand command(Object... keyValues)
		throws Exception
	{
		StylizeOptimizeCommand c = new StylizeOptimizeCommand();
		for (int i = 0; i < keyValues.length; i += 2) {
			Field f = StylizeOptimizeCommand.class.getDeclaredField(
				(String) keyValues[i]);
			f.setAccessible(true);
			f.set(c, keyValues[i + 1]);
		}
		return c;
	}

	@Test
	void thePresetWithTheKeysThatDiffer() throws Exception {
		StyleTransferSettings s = command("preset", "yunjey").settings();
		assertEquals(2000, s.iterations);
		assertEquals(OptimizerKind.ADAM, s.optimizer);
		assertEquals(0.5, s.adamBeta1);
		s = command("preset", "yunjey", "iterations", 40, "tv_weight", 0.5)
			.settings();
		assertEquals(40, s.iterations);
		assertEquals(0.5, s.tvWeight);
		assertEquals(0.003, s.learningRate);
		assertEquals(StyleTransferSettings.Variable.NETWORK_INPUT, s.variable);
		assertEquals("vgg16", command("preset", "keras-vgg16").effectiveNetwork());
	}

	@Test
	void choosingAPresetFillsInItsValues() throws Exception {
		StylizeOptimizeCommand c = command("preset", "gatys2016");
		c.presetChanged();
		Field f = StylizeOptimizeCommand.class.getDeclaredField("pooling");
		f.setAccessible(true);
		assertEquals("avg", f.get(c));
		assertEquals(StyleTransferSettings.Init.RANDOM, c.settings().init);
		assertEquals("500", StylizeOptimizeCommand.presetValues("gatys2016").get(
			"iterations"));
	}
}
