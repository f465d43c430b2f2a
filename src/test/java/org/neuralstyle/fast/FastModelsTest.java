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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.Device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.checkpoint.CheckpointException;

/**
 * Unpacking saved_models.zip, on zips built like it from the PyTorch-written
 * fixture model.
 */
class FastModelsTest {

	@TempDir
	Path dir;

	/**
	 * A zip with the given entries, each holding the bytes of the given file,
	 * stored uncompressed.
	 */
	private Path zip(Map<String, Path> entries) throws IOException {
		return zip(entries, false);
	}

	/**
	 * The real archive is deflated; the other tests store their entries, which
	 * reads the same through ZipFile and keeps them fast.
	 */
	private Path zip(Map<String, Path> entries, boolean deflated)
		throws IOException
	{
		Path zip = dir.resolve("saved_models.zip");
		try (OutputStream file = Files.newOutputStream(zip);
				ZipOutputStream out = new ZipOutputStream(file))
		{
			out.setLevel(Deflater.BEST_SPEED);
			for (Map.Entry<String, Path> entry : entries.entrySet()) {
				byte[] bytes = Files.readAllBytes(entry.getValue());
				ZipEntry zipEntry = new ZipEntry(entry.getKey());
				if (!deflated) {
					CRC32 crc = new CRC32();
					crc.update(bytes);
					zipEntry.setMethod(ZipEntry.STORED);
					zipEntry.setSize(bytes.length);
					zipEntry.setCompressedSize(bytes.length);
					zipEntry.setCrc(crc.getValue());
				}
				out.putNextEntry(zipEntry);
				out.write(bytes);
				out.closeEntry();
			}
		}
		return zip;
	}

	private static Path model() {
		return FastFixtures.file(FastFixtures.CHECKPOINT);
	}

	private Path publishedLayout() throws IOException {
		return zip(Map.of("saved_models/candy.pth", model(),
			"saved_models/mosaic.pth", model(), "saved_models/rain_princess.pth",
			model(), "saved_models/udnie.pth", model()), true);
	}

	@Test
	void namesThePublishedStyles() {
		assertEquals(List.of("candy", "mosaic", "rain_princess", "udnie"),
			FastModels.STYLES);
		assertEquals("saved_models/rain_princess.pth", FastModels.archiveEntry(
			"rain_princess"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> FastModels.fileName("starry"));
		assertTrue(e.getMessage().contains("candy, mosaic, rain_princess, udnie"), e
			.getMessage());
	}

	@Test
	void unpacksEveryStyleIntoLoadableModels() throws IOException {
		Path models = dir.resolve("models");
		Map<String, Path> unpacked = FastModels.extract(publishedLayout(), models);
		assertEquals(FastModels.STYLES, List.copyOf(unpacked.keySet()));
		for (String style : FastModels.STYLES) {
			Path file = unpacked.get(style);
			assertEquals(models.resolve(style + ".pth"), file);
			assertArrayEquals(Files.readAllBytes(model()), Files.readAllBytes(file));
		}
		try (TransformerNet net = TransformerNet.load(unpacked.get("udnie"), Device
			.cpu()))
		{
			assertEquals(62, net.parameters().size());
		}
		try (Stream<Path> files = Files.list(models)) {
			assertEquals(4, files.count(), "no temporary files left behind");
		}
	}

	@Test
	void unpackedModelsGetTheUsersUsualPermissionsSoASharedCacheStaysReadable()
		throws IOException
	{
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains(
			"posix"), "POSIX permissions");
		// A file created the ordinary way gets 0666 less the umask: what any other
		// tool would make.
		Path usual = Files.createFile(dir.resolve("usual"));
		Set<PosixFilePermission> expected = Files.getPosixFilePermissions(usual);
		assertTrue(expected.contains(PosixFilePermission.OWNER_READ) && expected
			.size() > 2, "the umask leaves more than the owner's rights: " +
				PosixFilePermissions.toString(expected));
		Map<String, Path> unpacked = FastModels.extract(publishedLayout(), dir
			.resolve("models"));
		for (Path file : unpacked.values())
			assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions
				.toString(Files.getPosixFilePermissions(file)), file.toString());
	}

	@Test
	void findsModelsInARepackedArchive() throws IOException {
		Path zip = zip(Map.of("models/candy.pth", model(), "mosaic.pth", model(),
			"x/y/rain_princess.pth", model(), "udnie.pth", model(),
			"__MACOSX/._candy.pth", FastFixtures.tinyVgg()));
		assertEquals(4, FastModels.extract(zip, dir.resolve("models")).size());
	}

	@Test
	void refusesAnArchiveThatLacksAStyleAndLeavesTheFolderAlone()
		throws IOException
	{
		Path models = Files.createDirectories(dir.resolve("models"));
		Path earlier = Files.writeString(models.resolve("candy.pth"),
			"the user's own file");
		Path zip = zip(Map.of("saved_models/candy.pth", model(),
			"saved_models/mosaic.pth", model()));
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> FastModels.extract(zip, models));
		assertTrue(e.getMessage().contains("holds no rain_princess.pth, udnie.pth"),
			e.getMessage());
		assertEquals("the user's own file", Files.readString(earlier));
		try (Stream<Path> files = Files.list(models)) {
			assertEquals(1, files.count());
		}
	}

	@Test
	void refusesAnArchiveWithAnotherNetworkUnderAStyleName() throws IOException {
		Path models = dir.resolve("models");
		Path zip = zip(Map.of("saved_models/candy.pth", model(),
			"saved_models/mosaic.pth", model(), "saved_models/rain_princess.pth",
			model(), "saved_models/udnie.pth", FastFixtures.tinyVgg()));
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> FastModels.extract(zip, models));
		assertTrue(e.getMessage().startsWith("saved_models/udnie.pth in " + zip), e
			.getMessage());
		assertTrue(e.getMessage().contains("looks like a VGG checkpoint"), e
			.getMessage());
		try (Stream<Path> files = Files.list(models)) {
			assertEquals(0, files.count(),
				"nothing unpacked, no temporary files left");
		}
	}

	@Test
	void saysWhenAModelIsDamaged() throws IOException {
		Path truncated = dir.resolve("truncated.pth");
		byte[] bytes = Files.readAllBytes(model());
		Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		Path zip = zip(Map.of("saved_models/candy.pth", truncated,
			"saved_models/mosaic.pth", model(), "saved_models/rain_princess.pth",
			model(), "saved_models/udnie.pth", model()));
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> FastModels.extract(zip, dir.resolve("m")));
		assertTrue(e.getMessage().startsWith("saved_models/candy.pth in " + zip), e
			.getMessage());
		assertTrue(!e.getMessage().contains(".part"),
			"the temporary file is not named: " + e.getMessage());
	}

	@Test
	void saysWhenTheArchiveIsNotAZip() throws IOException {
		Path notZip = Files.writeString(dir.resolve("saved_models.zip"),
			"<html>Dropbox sign-in page</html>");
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> FastModels.extract(notZip, dir.resolve("m")));
		assertTrue(e.getMessage().contains("is not a zip file or is damaged"), e
			.getMessage());
		CheckpointException missing = assertThrows(CheckpointException.class,
			() -> FastModels.extract(dir.resolve("absent.zip"), dir.resolve("m")));
		assertTrue(missing.getMessage().contains("does not exist"), missing
			.getMessage());
	}
}
