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

package org.neuralstyle.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12 §3: files of a few hundred bytes that hung the reader, overflowed
 * its stack, made it allocate gigabytes or read before a storage. Each must be
 * refused at once with a {@link CheckpointException} that names the file in one
 * line.
 */
class HostileCheckpointsTest {

	@TempDir
	static Path dir;
	static Map<String, Path> files;

	@BeforeAll
	static void write() throws IOException {
		files = HostileFiles.all(dir);
	}

	static Stream<String> hostileFiles() throws IOException {
		return HostileFiles.all(java.nio.file.Files.createTempDirectory(
			"hostile-names")).keySet().stream();
	}

	private static CheckpointException refusal(String name) {
		Path file = files.get(name);
		CheckpointException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
			() -> assertThrows(CheckpointException.class, () -> Checkpoints.open(file)
				.close()), name);
		assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
		return e;
	}

	@ParameterizedTest
	@MethodSource("hostileFiles")
	void everyHostileFileIsRefusedWithinSecondsInOneLineNamingIt(String name) {
		refusal(name);
	}

	@Test
	void aListUsedAsADictKeyIsRefusedBeforeItIsHashed() {
		// Hashing the 63 levels of shared lists would take 2^63 steps.
		assertTrue(refusal("billion-laughs-key.pth").getMessage().contains(
			"dict key that is not a string or number"));
		assertTrue(refusal("self-referencing-key.pth").getMessage().contains(
			"dict key"));
		assertTrue(refusal("deep-key.pth").getMessage().contains("dict key"));
	}

	@Test
	void containersThatHoldThemselvesOrNestDeeplyAreRefused() {
		assertTrue(refusal("self-referencing-value.pth").getMessage().contains(
			"contains itself"));
		assertTrue(refusal("deep-value.pth").getMessage().contains(
			"nested more than"));
	}

	@Test
	void objectStateForADeepListIsRefusedWithoutPrintingTheList() {
		String message = refusal("deep-build.pth").getMessage();
		assertTrue(message.contains("object state for a ArrayList"), message);
		assertTrue(message.length() < 1000, message);
	}

	@Test
	void aDeeplyNestedSafetensorsHeaderIsRefused() {
		assertTrue(refusal("deep-safetensors.safetensors").getMessage().contains(
			"not valid JSON of tensors"));
		assertTrue(refusal("deep-safetensors-field.safetensors").getMessage()
			.contains("nests deeper than"));
	}

	@Test
	void lengthFieldsAreCheckedAgainstTheBytesLeftBeforeAllocating() {
		com.sun.management.ThreadMXBean threads =
			(com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		for (String name : new String[] { "huge-string-legacy.pth",
			"huge-bytes-legacy.pth", "huge-bytes8-zip.pth", "huge-long4-zip.pth",
			"claims-1.5GB-zip.pth" })
		{
			Path file = files.get(name);
			long before = threads.getCurrentThreadAllocatedBytes();
			CheckpointException e = assertThrows(CheckpointException.class,
				() -> Checkpoints.open(file).close(), name);
			long allocated = threads.getCurrentThreadAllocatedBytes() - before;
			// Before the fix, the 1.5 GB claim allocated 1.6 GB and the 2^31-1 claims
			// ran out of memory.
			assertTrue(allocated < 16 << 20, name + " allocated " + allocated +
				" bytes");
			assertTrue(e.getMessage().contains("claims") || e.getMessage().contains(
				"ends in the middle"), e.getMessage());
		}
	}

	@Test
	void aShapeWhoseByteSizeOverflowsIsNotMistakenForAnEmptyTensor() {
		// 2^62 * 27 * 4 bytes wraps to 0, which matched the empty range [0, 0].
		assertTrue(refusal("overflowing-shape.safetensors").getMessage().contains(
			"does not fit in 64 bits"));
	}

	@Test
	void negativeStorageOffsetsAreRefusedInBothPickledFormats() {
		for (String name : new String[] { "negative-offset-legacy.pth",
			"very-negative-offset-legacy.pth", "negative-offset-zip.pth" })
			assertTrue(refusal(name).getMessage().contains("negative storage offset"),
				name);
	}

	@Test
	void theSameTensorsWithAValidOffsetStillOpen(@TempDir Path here)
		throws IOException
	{
		// The hand-written pickles are PyTorch's layout: without the lie, they read
		// back.
		Path zip = HostileFiles.zip(here.resolve("ok.pth"), HostileFiles.oneTensor(
			"features.0.bias", 4, 1, new long[] { 3 }, new long[] { 1 }, false), Map
				.of("0", HostileFiles.floats(1, 2, 3, 4)));
		Path legacy = HostileFiles.legacy(here.resolve("ok-legacy.pth"),
			HostileFiles.oneTensor("features.0.bias", 4, 1, new long[] { 3 },
				new long[] { 1 }, true), Map.of("0", new float[] { 1, 2, 3, 4 }));
		for (Path file : new Path[] { zip, legacy }) {
			try (StateDict sd = Checkpoints.open(file)) {
				assertEquals(3, sd.readFloats("features.0.bias").length);
				assertEquals(2f, sd.readFloats("features.0.bias")[0]);
			}
		}
	}

	@Test
	void aSetInAnIndexIsKeptWithoutHashingItsElements(@TempDir Path here)
		throws IOException
	{
		// A set of shared lists would be hashed 2^40 times as a HashSet; as a list
		// it costs nothing.
		HostileFiles.Pickle p = new HostileFiles.Pickle().op('}').string(
			"features.0.bias").tensor("0", 4, 0, new long[] { 4 }, new long[] { 1 },
				false).op('s').string("extra").op(0x8f).op(']');
		for (int i = 0; i < 40; i++)
			p.put(0).op('0', '(').get(0).get(0).op('l');
		// the top list into the set (ADDITEMS), then SETITEM
		p.put(1).op('0', '(').get(1).op(0x90, 's');
		Path file = HostileFiles.zip(here.resolve("set.pth"), p.stop(), Map.of("0",
			HostileFiles.floats(1, 2, 3, 4)));
		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
			try (StateDict sd = Checkpoints.open(file)) {
				assertEquals(java.util.Set.of("features.0.bias"), sd.names());
			}
		});
	}
}
