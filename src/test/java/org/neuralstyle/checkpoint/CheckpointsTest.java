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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointsTest {

	private static final String[] TINY_VGG = { "tiny_vgg_legacy.pth",
		"tiny_vgg_zip.pth", "tiny_vgg.safetensors" };

	@TempDir
	Path tmp;

	@ParameterizedTest
	@ValueSource(strings = { "tiny_vgg_legacy.pth", "tiny_vgg_zip.pth",
		"tiny_vgg.safetensors" })
	void readsEveryTensorExactlyAsPyTorchSavedIt(String fixture)
		throws IOException
	{
		Map<String, Fixtures.Expected> expected = Fixtures.tinyVgg();
		try (StateDict sd = Checkpoints.open(Fixtures.file(fixture))) {
			assertEquals(List.copyOf(expected.keySet()), List.copyOf(sd.names()));
			for (Map.Entry<String, Fixtures.Expected> e : expected.entrySet()) {
				String name = e.getKey();
				TensorInfo info = sd.info(name);
				assertEquals(e.getValue().dtype(), info.dtype(), name);
				assertArrayEquals(e.getValue().shape(), info.shape(), name);
				assertArrayEquals(e.getValue().values(), sd.readFloats(name), name);
			}
		}
	}

	/**
	 * torchvision's 2017 files (VGG19, VGG16) pickle tensors with the pre-0.4
	 * _rebuild_tensor.
	 */
	@Test
	void readsTensorsPickledAsBeforePyTorch04() throws IOException {
		Map<String, Fixtures.Expected> expected = Fixtures.tinyVgg();
		try (StateDict sd = Checkpoints.open(Fixtures.file(
			"tiny_vgg_pre04_legacy.pth")))
		{
			assertEquals(List.of("features.0.weight", "features.0.bias",
				"features.2.weight", "features.2.bias", "features.5.weight",
				"features.5.bias"), List.copyOf(sd.names()));
			for (String name : sd.names()) {
				assertArrayEquals(expected.get(name).shape(), sd.info(name).shape(),
					name);
				assertArrayEquals(expected.get(name).values(), sd.readFloats(name),
					name);
			}
		}
	}

	/**
	 * PyTorch before 0.4 could save a tensor on a view of a storage (offset 4
	 * into a 12-element storage of 0..11); the script checked with torch.load
	 * that the tensor is [[5, 6], [7, 8]].
	 */
	@Test
	void readsTensorsOnLegacyStorageViews() throws IOException {
		try (StateDict sd = Checkpoints.open(Fixtures.file(
			"legacy_storage_view.pth")))
		{
			assertArrayEquals(new long[] { 2, 2 }, sd.info("w").shape());
			assertArrayEquals(new float[] { 5, 6, 7, 8 }, sd.readFloats("w"));
		}
	}

	@Test
	void detectsFormatByContentNotName() throws IOException {
		assertEquals(CheckpointFormat.PYTORCH_LEGACY, Checkpoints.detect(Fixtures
			.file("tiny_vgg_legacy.pth")));
		assertEquals(CheckpointFormat.PYTORCH_ZIP, Checkpoints.detect(Fixtures.file(
			"tiny_vgg_zip.pth")));
		Path renamed = Files.copy(Fixtures.file("tiny_vgg.safetensors"), tmp
			.resolve("weights.pth"));
		assertEquals(CheckpointFormat.SAFETENSORS, Checkpoints.detect(renamed));
		try (StateDict sd = Checkpoints.open(renamed)) {
			assertTrue(sd.contains("features.0.weight"));
		}
	}

	@Test
	void safetensorsMetadataIsExposedAndPickledFormatsHaveNone()
		throws IOException
	{
		try (StateDict sd = Checkpoints.open(Fixtures.file(
			"tiny_vgg.safetensors")))
		{
			assertEquals(Map.of("format", "pt", "style", "tiny test", "note",
				"written by make_weight_fixtures.py"), sd.metadata());
		}
		try (StateDict sd = Checkpoints.open(Fixtures.file("tiny_vgg_zip.pth"))) {
			assertEquals(Map.of(), sd.metadata());
		}
	}

	@Test
	void stateDictWrappedByATrainingScriptIsFound() throws IOException {
		try (StateDict sd = Checkpoints.open(Fixtures.file(
			"wrapped_state_dict.pth")))
		{
			assertEquals(List.of("w"), List.copyOf(sd.names()));
			assertArrayEquals(new float[] { 0.25f, 4f }, sd.readFloats("w"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "malicious_system_legacy.pth",
		"malicious_system_zip.pth", "malicious_eval_legacy.pth",
		"malicious_eval_zip.pth" })
	void checkpointsThatWouldRunCodeAreRefused(String fixture)
		throws IOException
	{
		Files.deleteIfExists(Fixtures.PWNED_MARKER);
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> Checkpoints.open(Fixtures.file(fixture)));
		assertTrue(e.getMessage().contains("refused for safety"), e.getMessage());
		assertTrue(e.getMessage().contains(fixture), e.getMessage());
		String global = fixture.contains("system") ? "posix.system"
			: "__builtin__.eval";
		assertTrue(e.getMessage().contains(global), e.getMessage());
		assertFalse(Files.exists(Fixtures.PWNED_MARKER), "the payload ran");
	}

	@Test
	void truncatedDownloadIsReportedWhenOpening() {
		Path file = Fixtures.file("tiny_vgg_legacy_truncated.pth");
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> Checkpoints.open(file));
		assertTrue(e.getMessage().contains("tiny_vgg_legacy_truncated.pth"), e
			.getMessage());
		assertTrue(e.getMessage().contains("truncated"), e.getMessage());
		assertTrue(e.getMessage().contains("Re-download it or pass another file"), e
			.getMessage());
	}

	/**
	 * Every prefix of a checkpoint, wherever the cut falls, is refused with the
	 * one clear message.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "tiny_vgg_legacy.pth", "tiny_vgg_zip.pth",
		"tiny_vgg.safetensors" })
	void anyTruncationFailsCleanly(String fixture) throws IOException {
		byte[] whole = Files.readAllBytes(Fixtures.file(fixture));
		List<Integer> cuts = new ArrayList<>(List.of(0, 1, 2, 8, 9, 15, 100, 1000,
			whole.length - 1));
		for (int cut = 1; cut < whole.length; cut += 97)
			cuts.add(cut);
		Fixtures.assertCutsRefused(Fixtures.file(fixture), cuts, tmp);
	}

	@Test
	void filesThatAreNoCheckpointSayWhat() throws IOException {
		Path text = Files.writeString(tmp.resolve("notes.pth"),
			"these are not weights\n");
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> Checkpoints.open(text));
		assertTrue(e.getMessage().contains(
			"not a PyTorch or safetensors checkpoint"), e.getMessage());
		Path missing = tmp.resolve("missing.pth");
		e = assertThrows(CheckpointException.class, () -> Checkpoints.open(
			missing));
		assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
		assertThrows(CheckpointException.class, () -> Checkpoints.open(tmp));
	}

	@Test
	void unknownTensorNameIsACheckpointException() throws IOException {
		try (StateDict sd = Checkpoints.open(Fixtures.file("tiny_vgg_zip.pth"))) {
			CheckpointException e = assertThrows(CheckpointException.class, () -> sd
				.readFloats("classifier.0.weight"));
			assertTrue(e.getMessage().contains("classifier.0.weight"));
		}
	}

	/**
	 * Overwrites the bytes of features.0.weight with NaNs: the other tensors
	 * still read exactly, so no reader touches a storage it was not asked for
	 * (and the damage shows where it should).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "tiny_vgg_legacy.pth", "tiny_vgg_zip.pth",
		"tiny_vgg.safetensors" })
	void damageToOneTensorLeavesTheOthersReadable(String fixture)
		throws IOException
	{
		Map<String, Fixtures.Expected> expected = Fixtures.tinyVgg();
		float[] victim = expected.get("features.0.weight").values();
		ByteBuffer pattern = ByteBuffer.allocate(victim.length * 4).order(
			ByteOrder.LITTLE_ENDIAN);
		pattern.asFloatBuffer().put(victim);
		byte[] file = Files.readAllBytes(Fixtures.file(fixture));
		int at = indexOf(file, pattern.array());
		assertTrue(at > 0, "tensor bytes not found in " + fixture);
		for (int i = 0; i < victim.length; i++)
			ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putFloat(at + 4 * i,
				Float.NaN);
		Path damaged = Files.write(tmp.resolve(fixture), file);

		try (StateDict sd = Checkpoints.open(damaged)) {
			for (Map.Entry<String, Fixtures.Expected> e : expected.entrySet())
				if (!e.getKey().equals("features.0.weight")) assertArrayEquals(e
					.getValue().values(), sd.readFloats(e.getKey()), e.getKey());
			assertTrue(Float.isNaN(sd.readFloats("features.0.weight")[0]));
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer:
		for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++)
				if (haystack[i + j] != needle[j]) continue outer;
			return i;
		}
		return -1;
	}
}
