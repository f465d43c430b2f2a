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

package org.neuralstyle.fast;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.testing.MapStateDict;

/** What a wrong checkpoint is told, before any weight is read. */
class TransformerNetLayoutTest {

	private static String refusal(MapStateDict weights) {
		return assertThrows(CheckpointException.class, () -> TransformerNetLayout
			.validate(weights)).getMessage();
	}

	@Test
	void acceptsTheNetworkWithOrWithoutStaleRunningStatistics() {
		MapStateDict weights = MapStateDict.randomTransformerNet(1);
		assertDoesNotThrow(() -> TransformerNetLayout.validate(weights));
		weights.put("in1.running_mean", new long[] { 32 }, new float[32]);
		weights.put("res5.in2.running_var", new long[] { 128 }, new float[128]);
		assertDoesNotThrow(() -> TransformerNetLayout.validate(weights));
	}

	@Test
	void listsTheExampleLayout() {
		assertEquals(92 - 2 * 15, TransformerNetLayout.parameterShapes().size(),
			"the fixture's 92 names less 15 stale pairs");
		assertTrue(TransformerNetLayout.isStaleRunningStat(
			"res4.in1.running_mean"));
		assertFalse(TransformerNetLayout.isStaleRunningStat("res4.in1.weight"));
	}

	@Test
	void namesAMissingTensor() {
		String message = refusal(MapStateDict.randomTransformerNet(1).remove(
			"res3.conv2.conv2d.bias"));
		assertTrue(message.contains("missing res3.conv2.conv2d.bias"), message);
	}

	@Test
	void namesAnUnexpectedTensor() {
		String message = refusal(MapStateDict.randomTransformerNet(1).put(
			"res6.conv1.conv2d.weight", new long[] { 1 }, new float[1]));
		assertTrue(message.contains("unexpected res6.conv1.conv2d.weight"),
			message);
	}

	@Test
	void namesAWrongShape() {
		String message = refusal(MapStateDict.randomTransformerNet(1).put(
			"conv2.conv2d.weight", new long[] { 48, 32, 3, 3 }, new float[48 * 32 *
				9]));
		assertTrue(message.contains(
			"conv2.conv2d.weight has shape [48, 32, 3, 3], expected [64, 32, 3, 3]"),
			message);
	}

	@Test
	void refusesIntegerTensors() {
		String message = refusal(MapStateDict.randomTransformerNet(1).put(
			"in2.bias", "int64", new long[] { 64 }, new float[64]));
		assertTrue(message.contains("in2.bias holds int64"), message);
	}

	@Test
	void recognizesAVggCheckpoint() {
		MapStateDict vgg = new MapStateDict().put("features.0.weight", new long[] {
			64, 3, 3, 3 }, new float[64 * 27]).put("features.0.bias", new long[] {
				64 }, new float[64]);
		String message = refusal(vgg);
		assertTrue(message.contains("looks like a VGG checkpoint") && message
			.contains("not a fast style model"), message);
	}

	@Test
	void explainsTheDataParallelPrefix() {
		MapStateDict wrapped = new MapStateDict();
		MapStateDict plain = MapStateDict.randomTransformerNet(1);
		for (String name : plain.names())
			wrapped.put("module." + name, TransformerNetLayout.parameterShapes().get(
				name).getShape(), plain.values(name));
		wrapped.put("conv1.conv2d.weight", new long[] { 32, 3, 9, 9 }, plain.values(
			"conv1.conv2d.weight"));
		String message = refusal(wrapped);
		assertTrue(message.contains("'module.'") && message.contains(
			"model.module.state_dict()"), message);
		assertTrue(message.contains("and 56 more"), "long lists are cut: " +
			message);
	}

	@Test
	void saysWhenNothingFits() {
		String message = refusal(new MapStateDict().put("weight", new long[] { 2 },
			new float[2]));
		assertTrue(message.contains("Not a fast style model") && message.contains(
			"weight"), message);
		assertTrue(refusal(new MapStateDict()).contains("holds no tensors"));
	}
}
