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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.neuralstyle.cli.NativeProfile.Phase;

class NativeProfileTest {

	@Test
	void operatorsFallIntoTheirPhases() {
		assertEquals(Phase.CONV_FORWARD, NativeProfile.phaseOf("aten::conv2d"));
		assertEquals(Phase.CONV_BACKWARD, NativeProfile.phaseOf(
			"autograd::engine::evaluate_function: ConvolutionBackward0"));
		assertEquals(Phase.RELU_POOL, NativeProfile.phaseOf(
			"autograd::engine::evaluate_function: ReluBackward0"));
		assertEquals(Phase.RELU_POOL, NativeProfile.phaseOf("aten::max_pool2d"));
		assertEquals(Phase.GRAM, NativeProfile.phaseOf("aten::matmul"));
		assertEquals(Phase.GRAM, NativeProfile.phaseOf(
			"autograd::engine::evaluate_function: MmBackward0"));
		assertEquals(Phase.ELEMENTWISE, NativeProfile.phaseOf("aten::batch_norm"));
		assertEquals(Phase.ELEMENTWISE, NativeProfile.phaseOf(
			"autograd::engine::evaluate_function: PowBackward0"));
		assertEquals(Phase.COPIES, NativeProfile.phaseOf("aten::cat"));
		assertEquals(Phase.COPIES, NativeProfile.phaseOf("aten::clone"));
	}

	/**
	 * Only outermost operators count, per thread; what they leave uncovered is
	 * time outside libtorch; memory is read in DJL's binary units.
	 */
	@Test
	void aTraceAddsUpItsOutermostOperators() {
		String trace = "[" + //
			"{\"name\":\"aten::conv2d\",\"ts\":0,\"dur\":500000,\"tid\":1,\"cpu mem\":\"2.00 Mb\"}," +
			"{\"name\":\"aten::mkldnn_convolution\",\"ts\":10,\"dur\":400000,\"tid\":1,\"cpu mem\":\"2.00 Mb\"}," +
			"{\"name\":\"aten::relu\",\"ts\":500000,\"dur\":100000,\"tid\":1,\"cpu mem\":\"512 b\"}," +
			"{\"name\":\"autograd::engine::evaluate_function: ConvolutionBackward0\",\"ts\":0,\"dur\":200000,\"tid\":2,\"cpu mem\":\"-1.00 Kb\"}" +
			"]";
		NativeProfile.Report r = NativeProfile.Report.of(JsonParser.parseString(
			trace).getAsJsonArray(), 1.0);
		assertEquals(0.5, r.seconds().get(Phase.CONV_FORWARD), 1e-9);
		assertEquals(0.2, r.seconds().get(Phase.CONV_BACKWARD), 1e-9);
		assertEquals(0.1, r.seconds().get(Phase.RELU_POOL), 1e-9);
		assertEquals(3, r.operators());
		assertEquals(2L * 1024 * 1024 + 512, r.bytesHeld());
		String lines = r.lines("", "iteration");
		assertTrue(lines.contains("outside libtorch operators"), lines);
		assertTrue(lines.matches("(?s).*outside libtorch.*0\\.200 s.*"), lines);
	}
}
