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

package org.neuralstyle.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;
import org.neuralstyle.tensor.Convolution;

class PrecisionTest {

	@Test
	void autoIsFloat32AndFp16IsAsked() {
		// Until float16 is measured faster and close enough on a GPU (docs/gpu.md).
		assertEquals(DataType.FLOAT32, Precision.AUTO.convolutions(Device.cpu()));
		assertEquals(DataType.FLOAT32, Precision.AUTO.convolutions(Device.gpu()));
		assertEquals(DataType.FLOAT32, Precision.FP32.convolutions(Device.gpu()));
		assertEquals(DataType.FLOAT16, Precision.FP16.convolutions(Device.cpu()));
		assertEquals(Precision.AUTO, Precision.parse(Precision.DEFAULT));
		assertEquals(Precision.FP16, Precision.parse(" FP16 "));
	}

	@Test
	void bfloat16IsRefusedWithWhatToUseInstead() {
		// Never reaches DJL: a bfloat16 array would end the JVM.
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Precision.BF16.convolutions(Device.cpu()));
		assertTrue(e.getMessage().contains("fp32"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Precision.parse(
			"half"));
		assertTrue(e.getMessage().contains("auto, fp32, bf16 or fp16"), e
			.getMessage());
	}

	/**
	 * A half-precision convolution gives float32 out, near the float32 one, and
	 * passes the gradient back to a float32 input.
	 */
	@Test
	void halfPrecisionConvolutionKeepsFloat32AroundIt() {
		try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
			NDArray x = m.randomUniform(0, 1, new Shape(1, 3, 12, 10));
			NDArray w = m.randomUniform(-0.2f, 0.2f, new Shape(8, 3, 3, 3));
			NDArray b = m.randomUniform(-0.1f, 0.1f, new Shape(8));
			NDArray full = Convolution.conv2d(x, w, b, 1, 1, true);
			x.setRequiresGradient(true);
			try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
				NDArray half = Convolution.conv2d(x, w, b, 1, 1, true,
					DataType.FLOAT16);
				assertEquals(DataType.FLOAT32, half.getDataType());
				float error = half.sub(full).abs().max().getFloat();
				assertTrue(error < 5e-3f, "largest difference " + error);
				c.backward(half.sum());
			}
			NDArray g = x.getGradient();
			assertEquals(DataType.FLOAT32, g.getDataType());
			// d(sum of outputs)/dx = sum of the weights that reach each pixel;
			// inside the border every input pixel meets every weight once.
			float expected = w.sum(new int[] { 0, 2, 3 }).getFloat(0);
			assertEquals(expected, g.getFloat(0, 0, 5, 5), 2e-2f);
		}
	}
}
