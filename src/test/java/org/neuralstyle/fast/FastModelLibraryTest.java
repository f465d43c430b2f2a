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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.fast.train.TrainingCheckpoint;

/**
 * The folder of fast models: published ones once unpacked, trained ones once
 * saved, nothing else.
 */
class FastModelLibraryTest {

	@TempDir
	Path dir;

	@Test
	void offersPublishedThenTrainedModelsButNoCheckpointsOrPartialFiles()
		throws IOException
	{
		FastModelLibrary library = new FastModelLibrary(dir.resolve("fast-models"));
		assertEquals(List.of(), library.models(), "no folder yet: no models");

		Path folder = Files.createDirectories(library.directory());
		Files.copy(FastFixtures.file(FastFixtures.CHECKPOINT), folder.resolve(
			"udnie.pth"));
		Files.copy(FastFixtures.file(FastFixtures.CHECKPOINT), folder.resolve(
			"candy.pth"));
		TransformerWeights weights = TransformerWeights.pytorchDefault(1);
		weights.write(library.pathFor("starry_night"));
		weights.write(library.pathFor("Kandinsky-7"));
		weights.write(TrainingCheckpoint.checkpointFile(library.pathFor(
			"starry_night")));
		Files.writeString(folder.resolve(
			".starry.safetensors.1234.part.safetensors"), "half written");
		Files.writeString(folder.resolve("notes.txt"), "not a model");

		assertEquals(List.of("candy", "udnie", "Kandinsky-7", "starry_night"),
			library.names());
		FastModelLibrary.Model candy = library.find("candy").orElseThrow();
		assertTrue(candy.published());
		assertEquals(folder.resolve("candy.pth"), candy.file());
		assertFalse(library.find("starry_night").orElseThrow().published());
		assertEquals(folder.resolve("starry_night.safetensors"), library.resolve(
			"starry_night"));
		assertEquals(FastFixtures.file(FastFixtures.CHECKPOINT), library.resolve(
			FastFixtures.file(FastFixtures.CHECKPOINT).toString()));

		CheckpointException unknown = assertThrows(CheckpointException.class,
			() -> library.resolve("mosaic"));
		assertTrue(unknown.getMessage().contains(
			"Available: candy, udnie, Kandinsky-7, starry_night."), unknown
				.getMessage());
		CheckpointException missingFile = assertThrows(CheckpointException.class,
			() -> library.resolve(dir.resolve("gone.pth").toString()));
		assertTrue(missingFile.getMessage().contains("does not exist"), missingFile
			.getMessage());
	}

	@Test
	void namesAreSafeFileNamesAndLeavePublishedNamesAlone() {
		FastModelLibrary library = new FastModelLibrary(dir);
		assertEquals(dir.resolve("my_style.safetensors"), library.pathFor(
			"my_style"));
		assertEquals(dir.resolve("v2.1-final.safetensors"), library.pathFor(
			"v2.1-final"));
		for (String bad : List.of("", "../x", "a/b", ".hidden", "with space", "x"
			.repeat(101)))
			assertThrows(IllegalArgumentException.class, () -> library.pathFor(bad),
				bad);
		IllegalArgumentException taken = assertThrows(
			IllegalArgumentException.class, () -> library.pathFor("Candy"));
		assertTrue(taken.getMessage().contains("published model"), taken
			.getMessage());

		assertTrue(FastModelLibrary.isFileName("models/mine"));
		assertTrue(FastModelLibrary.isFileName("mine.safetensors"));
		assertTrue(FastModelLibrary.isFileName("candy.PTH"));
		assertFalse(FastModelLibrary.isFileName("mine"));
	}
}
