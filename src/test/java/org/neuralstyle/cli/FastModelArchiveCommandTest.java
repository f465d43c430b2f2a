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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neuralstyle.testing.ConsoleCapture;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 §5, "Archives": the fast-model archive has no published checksum, so
 * {@code weights} must check what it holds before it calls it imported, valid
 * or fetched.
 */
class FastModelArchiveCommandTest {

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	static final Path MODEL = Path.of(
		"src/test/resources/fixtures/fast/transformer_net_legacy.pth")
		.toAbsolutePath();
	static final String[] STYLES = { "candy", "mosaic", "rain_princess",
		"udnie" };

	@TempDir
	Path dir;

	@BeforeEach
	void capture() {
		System.setProperty("neuralstyle.cache", dir.resolve("cache").toString());
		System.setProperty("neuralstyle.offline", "true");
	}

	@AfterEach
	void restore() {
		System.clearProperty("neuralstyle.cache");
		System.clearProperty("neuralstyle.offline");
	}

	private String printed() {
		return console.out() + console.err();
	}

	/**
	 * An archive laid out like pytorch/examples' saved_models.zip, each style the
	 * PyTorch-written fixture network, stored uncompressed to keep the test fast.
	 */
	private Path modelsArchive(String name) throws IOException {
		byte[] model = Files.readAllBytes(MODEL);
		CRC32 crc = new CRC32();
		crc.update(model);
		Path zip = dir.resolve(name);
		try (OutputStream file = Files.newOutputStream(zip);
				ZipOutputStream zipOut = new ZipOutputStream(file))
		{
			for (String style : STYLES) {
				ZipEntry entry = new ZipEntry("saved_models/" + style + ".pth");
				entry.setMethod(ZipEntry.STORED);
				entry.setSize(model.length);
				entry.setCompressedSize(model.length);
				entry.setCrc(crc.getValue());
				zipOut.putNextEntry(entry);
				zipOut.write(model);
				zipOut.closeEntry();
			}
		}
		return zip;
	}

	/** A well-formed zip that holds no model. */
	private Path otherZip(String name) throws IOException {
		Path zip = dir.resolve(name);
		try (OutputStream file = Files.newOutputStream(zip);
				ZipOutputStream zipOut = new ZipOutputStream(file))
		{
			zipOut.putNextEntry(new ZipEntry("holiday/photo.txt"));
			zipOut.write("not a model".getBytes(StandardCharsets.UTF_8));
			zipOut.closeEntry();
		}
		return zip;
	}

	private void assertOneLineNoTrace() {
		assertEquals(1, printed().lines().count(), printed());
		assertFalse(printed().contains("\tat "), printed());
	}

	@Test
	void importingAZipThatHoldsNoModelsAsFastModelsIsRefusedAndCopiesNothing()
		throws Exception
	{
		Path zip = otherZip("holiday.zip");
		assertEquals(ExitCodes.ERROR, Main.run("weights", "import", zip.toString(),
			"--as", "fast-models"), printed());
		assertOneLineNoTrace();
		assertFalse(printed().contains("Imported"), printed());
		assertTrue(printed().contains("candy.pth"), "names what is missing: " +
			printed());
		assertFalse(Files.exists(dir.resolve("cache/saved_models.zip")),
			"nothing in the cache");
	}

	@Test
	void importingAModelsArchiveAsFastModelsCopiesItIntoTheCache()
		throws Exception
	{
		Path zip = modelsArchive("saved_models.zip");
		assertEquals(ExitCodes.OK, Main.run("weights", "import", zip.toString(),
			"--as", "fast-models"), printed());
		assertTrue(printed().startsWith("Imported fast-models"), printed());
		assertTrue(Files.isRegularFile(dir.resolve("cache/saved_models.zip")));
	}

	@Test
	void verifyingAValidModelsArchiveSaysItIsValidAndWhatItHolds()
		throws Exception
	{
		Path zip = modelsArchive("saved_models.zip");
		assertEquals(ExitCodes.OK, Main.run("weights", "verify", zip.toString()),
			printed());
		assertOneLineNoTrace();
		assertFalse(printed().contains("cannot be used"), printed());
		assertTrue(printed().contains("valid fast-model archive") && printed()
			.contains("candy, mosaic, rain_princess, udnie"), printed());
	}

	@Test
	void verifyingAZipThatHoldsNoModelsSaysWhatIsMissing() throws Exception {
		Path zip = otherZip("holiday.zip");
		assertEquals(ExitCodes.ERROR, Main.run("weights", "verify", zip.toString()),
			printed());
		assertOneLineNoTrace();
		assertTrue(printed().contains("cannot be used") && printed().contains(
			"candy.pth"), printed());
	}

	@Test
	void fetchingFastModelsWithABrokenCachedArchiveExits1NamingIt()
		throws Exception
	{
		Path cached = Files.createDirectories(dir.resolve("cache")).resolve(
			"saved_models.zip");
		// An interrupted copy: the first half of a valid archive.
		byte[] whole = Files.readAllBytes(modelsArchive("whole.zip"));
		Files.write(cached, Arrays.copyOf(whole, whole.length / 2));
		assertEquals(ExitCodes.ERROR, Main.run("weights", "fetch", "fast-models"),
			printed());
		assertOneLineNoTrace();
		assertTrue(printed().startsWith("error: ") && printed().contains(cached
			.toString()), printed());

		Files.copy(modelsArchive("saved_models.zip"), cached,
			StandardCopyOption.REPLACE_EXISTING);
		console.reset();
		console.reset();
		assertEquals(ExitCodes.OK, Main.run("weights", "fetch", "fast-models"),
			printed());
		assertEquals(cached.toString(), printed().strip());
	}
}
