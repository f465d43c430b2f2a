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

package org.neuralstyle.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.CheckpointFormat;
import org.neuralstyle.checkpoint.Fixtures;

class WeightsCacheTest {

	@TempDir
	Path tmp;

	static KnownModel modelOf(Checksum checksum, long size) {
		return new KnownModel("tiny", "tiny VGG", ModelKind.VGG_FEATURES, URI
			.create("https://example.org/tiny.pth"), "tiny-vgg.pth", size, checksum);
	}

	static KnownModel exactModelOf(Path file) throws IOException {
		return modelOf(Checksum.sha256(Sha256.of(file)), Files.size(file));
	}

	@Test
	void folderComesFromPropertyThenEnvironmentThenHome() {
		assertEquals(Path.of("/p"), WeightsCache.defaultDirectory("/p", "/e",
			"/home/u"));
		assertEquals(Path.of("/e"), WeightsCache.defaultDirectory(null, "/e",
			"/home/u"));
		assertEquals(Path.of("/home/u/.cache/neural-style"), WeightsCache
			.defaultDirectory(" ", null, "/home/u"));
		String before = System.getProperty(WeightsCache.DIRECTORY_PROPERTY);
		try {
			System.setProperty(WeightsCache.DIRECTORY_PROPERTY, tmp.toString());
			assertEquals(tmp, WeightsCache.standard().directory());
		}
		finally {
			if (before == null) System.clearProperty(WeightsCache.DIRECTORY_PROPERTY);
			else System.setProperty(WeightsCache.DIRECTORY_PROPERTY, before);
		}
	}

	@Test
	void findsOnlyFilesOfTheRightSize() throws IOException {
		Path fixture = Fixtures.file("tiny_vgg_legacy.pth");
		KnownModel model = exactModelOf(fixture);
		WeightsCache cache = new WeightsCache(tmp);
		assertEquals(Optional.empty(), cache.find(model));
		Files.write(cache.pathFor(model), new byte[10]);
		assertEquals(Optional.empty(), cache.find(model));
		assertEquals(Optional.of(cache.pathFor(model)), cache.find(modelOf(Checksum
			.none(), -1)));
		Files.copy(fixture, cache.pathFor(model),
			StandardCopyOption.REPLACE_EXISTING);
		assertEquals(Optional.of(cache.pathFor(model)), cache.find(model));
	}

	@Test
	void importVerifiesThenCopies() throws IOException {
		Path fixture = Fixtures.file("tiny_vgg_legacy.pth");
		WeightsCache cache = new WeightsCache(tmp.resolve("cache"));
		Path cached = cache.importFile(fixture, exactModelOf(fixture));
		assertArrayEquals(Files.readAllBytes(fixture), Files.readAllBytes(cached));
		assertEquals(List.of(cached), list(cache.directory()));
		// Importing the cached file itself checks it and keeps it.
		assertEquals(cached, cache.importFile(cached, exactModelOf(fixture)));

		// A torchvision-style prefix is enough.
		KnownModel byPrefix = modelOf(Checksum.sha256Prefix(Sha256.of(fixture)
			.substring(0, 8)), -1);
		assertEquals(cached, cache.importFile(fixture, byPrefix));
	}

	@Test
	void importOfTheWrongFileLeavesTheCacheAsItWas() throws IOException {
		Path fixture = Fixtures.file("tiny_vgg_legacy.pth");
		Path other = Fixtures.file("tiny_vgg_zip.pth");
		WeightsCache cache = new WeightsCache(tmp);
		KnownModel model = exactModelOf(fixture);
		Path previous = Files.writeString(cache.pathFor(model), "previous content");

		KnownModel sameSizeOnly = modelOf(Checksum.sha256("0".repeat(64)), Files
			.size(fixture));
		CheckpointException e = assertThrows(CheckpointException.class, () -> cache
			.importFile(fixture, sameSizeOnly));
		assertTrue(e.getMessage().contains("SHA-256 " + Sha256.of(fixture)), e
			.getMessage());
		assertTrue(e.getMessage().contains("Nothing was copied"), e.getMessage());

		e = assertThrows(CheckpointException.class, () -> cache.importFile(other,
			model));
		assertTrue(e.getMessage().contains("bytes"), e.getMessage());
		assertEquals("previous content", Files.readString(previous));
		assertEquals(List.of(previous), list(tmp));
	}

	@Test
	void verificationIdentifiesAndOpensFiles() throws IOException {
		Path fixture = Fixtures.file("tiny_vgg_zip.pth");
		KnownModel model = exactModelOf(fixture);
		ModelRegistry registry = ModelRegistry.standard().with(model);

		Verification known = Verification.of(fixture, registry);
		assertEquals(Optional.of(model), known.model());
		assertEquals(Optional.of(CheckpointFormat.PYTORCH_ZIP), known.format());
		assertEquals(Fixtures.tinyVgg().size(), known.tensors());
		assertTrue(known.usable());
		assertTrue(known.summary().contains("tiny VGG"), known.summary());

		Verification unknown = Verification.of(Fixtures.file(
			"tiny_vgg.safetensors"), registry);
		assertFalse(unknown.model().isPresent());
		assertTrue(unknown.usable());
		assertTrue(unknown.summary().contains("matches no known model"), unknown
			.summary());

		Verification broken = Verification.of(Fixtures.file(
			"tiny_vgg_legacy_truncated.pth"), registry);
		assertFalse(broken.usable());
		assertTrue(broken.summary().contains("truncated"), broken.summary());

		Verification evil = Verification.of(Fixtures.file(
			"malicious_system_zip.pth"), registry);
		assertFalse(evil.usable());
		assertTrue(evil.summary().contains("refused for safety"), evil.summary());
	}

	static List<Path> list(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.sorted().toList();
		}
	}
}
