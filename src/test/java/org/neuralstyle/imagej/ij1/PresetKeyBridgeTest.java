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

package org.neuralstyle.imagej.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.neuralstyle.imagej.StylizeOptimizeCommand;
import org.neuralstyle.testing.TestImages;

/**
 * The {@code preset} key in plain ImageJ 1.x: keys a macro leaves out take the
 * preset's values, keys it gives replace them.
 */
class PresetKeyBridgeTest {

	private static Map<String, Object> ask(String options) throws Exception {
		ImagePlus content = TestImages.rgb(8, 8, 1);
		AtomicReference<Object> outcome = new AtomicReference<>();
		// Macro.getOptions() answers on ImageJ's "Run$_" threads only.
		Thread thread = new Thread(() -> {
			Macro.setOptions(options);
			WindowManager.setTempCurrentImage(content);
			try {
				outcome.set(new ParameterDialog("t", CommandParameters.of(
					StylizeOptimizeCommand.class), "p", null, SciJavaCommandPlugIn
						.presetValues(StylizeOptimizeCommand.class)).ask());
			}
			catch (Exception e) {
				outcome.set(e);
			}
		}, "Run$_preset");
		thread.start();
		thread.join();
		if (outcome.get() instanceof Exception e) throw e;
		@SuppressWarnings("unchecked")
		Map<String, Object> values = (Map<String, Object>) outcome.get();
		return values;
	}

	@Test
	void keysLeftOutTakeThePresetsValues() throws Exception {
		Map<String, Object> v = ask("preset=yunjey iterations=30");
		assertEquals("yunjey", v.get("preset"));
		assertEquals(30, v.get("iterations"));
		assertEquals("adam", v.get("optimizer"));
		assertEquals(100.0, v.get("style_weight"));
		assertEquals(0.003, v.get("learning_rate"));
		assertEquals("relu1_1,relu2_1,relu3_1,relu4_1,relu5_1", v.get(
			"content_layers"));
		assertEquals("vgg16", ask("preset=keras-vgg16").get("network"));
	}

	@Test
	void withoutAPresetTheDefaultsHold() throws Exception {
		Map<String, Object> v = ask("iterations=30");
		assertEquals("none", v.get("preset"));
		assertEquals("lbfgs", v.get("optimizer"));
		assertEquals(1e6, v.get("style_weight"));
	}
}
