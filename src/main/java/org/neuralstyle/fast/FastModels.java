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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.io.AtomicFiles;

/**
 * The fast style models pytorch/examples publishes ({@code saved_models.zip},
 * see {@code ModelRegistry.FAST_MODELS}): their style names, where each sits in
 * the archive, and the unpacking of the archive into a folder of checked
 * {@code .pth} files.
 */
public final class FastModels {

	/**
	 * The styles in the archive, in the order the example's README shows them.
	 */
	public static final List<String> STYLES = List.of("candy", "mosaic",
		"rain_princess", "udnie");

	/** Folder of the models inside the archive. */
	public static final String ARCHIVE_FOLDER = "saved_models/";

	/**
	 * A published model is about 6.7 MB; a larger entry is not one of them,
	 * whatever its name.
	 */
	static final long MAX_MODEL_BYTES = 64L << 20;

	private FastModels() {}

	/**
	 * File name of a style's model, in the archive and after unpacking:
	 * {@code candy.pth}.
	 */
	public static String fileName(String style) {
		if (!STYLES.contains(style)) throw new IllegalArgumentException(
			"Unknown fast style '" + style + "'. Published styles: " + String.join(
				", ", STYLES) + ".");
		return style + ".pth";
	}

	/**
	 * Path of a style's model inside the archive: {@code saved_models/candy.pth}.
	 */
	public static String archiveEntry(String style) {
		return ARCHIVE_FOLDER + fileName(style);
	}

	/**
	 * Unpacks every published style from the archive into {@code directory} as
	 * {@code <style>.pth}, after checking each is a transformation network of the
	 * expected layout. All or nothing: if one model is missing or not valid, no
	 * file in {@code directory} is created or replaced.
	 *
	 * @return the unpacked file of each style, in {@link #STYLES} order
	 * @throws CheckpointException if the archive is not a zip, lacks a style, or
	 *           holds an invalid model
	 */
	public static Map<String, Path> extract(Path archive, Path directory)
		throws IOException
	{
		Files.createDirectories(directory);
		Map<String, Path> unpacked = new LinkedHashMap<>();
		Map<String, Path> staged = new LinkedHashMap<>();
		try (ZipFile zip = open(archive)) {
			Map<String, ZipEntry> entries = find(zip, archive);
			for (String style : STYLES) {
				// Not createTempFile, which makes the file 0600: a cache shared by a
				// group must stay readable.
				Path temporary = Files.createFile(AtomicFiles.temporaryFor(directory
					.resolve(fileName(style))));
				staged.put(style, temporary);
				copy(zip, entries.get(style), temporary, archive);
				check(temporary, entries.get(style), archive);
			}
			for (Map.Entry<String, Path> entry : staged.entrySet()) {
				Path target = directory.resolve(fileName(entry.getKey()));
				move(entry.getValue(), target);
				unpacked.put(entry.getKey(), target);
			}
			return unpacked;
		}
		finally {
			for (Path temporary : staged.values())
				Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Checks an archive as {@link #extract} does, every style unpacked and
	 * checked, but keeps nothing: for an archive a user imports, verifies or has
	 * in the cache.
	 *
	 * @return the styles the archive holds, in {@link #STYLES} order
	 * @throws CheckpointException if it is not a zip, lacks a style, or holds an
	 *           invalid model
	 */
	public static List<String> check(Path archive) throws IOException {
		Path scratch = Files.createTempDirectory("fast-models-check");
		try {
			return List.copyOf(extract(archive, scratch).keySet());
		}
		finally {
			try (Stream<Path> files = Files.list(scratch)) {
				for (Path file : files.toList())
					Files.deleteIfExists(file);
			}
			Files.deleteIfExists(scratch);
		}
	}

	private static ZipFile open(Path archive) throws IOException {
		if (!Files.isRegularFile(archive)) throw new CheckpointException(
			"Fast model archive " + archive +
				" does not exist. Check the path or download it again.");
		try {
			return new ZipFile(archive.toFile());
		}
		catch (ZipException e) {
			throw new CheckpointException("Fast model archive " + archive +
				" is not a zip file or is damaged. Download saved_models.zip again.",
				e);
		}
	}

	/**
	 * The entry of each style: {@code saved_models/<style>.pth}, else a
	 * {@code <style>.pth} in any other folder, for archives that were repacked.
	 * macOS resource forks are not models.
	 */
	private static Map<String, ZipEntry> find(ZipFile zip, Path archive)
		throws CheckpointException
	{
		Map<String, ZipEntry> found = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		for (String style : STYLES) {
			ZipEntry entry = zip.getEntry(archiveEntry(style));
			if (entry == null) entry = anywhere(zip, fileName(style));
			if (entry == null) missing.add(fileName(style));
			else found.put(style, entry);
		}
		if (!missing.isEmpty()) throw new CheckpointException(
			"Fast model archive " + archive + " holds no " + String.join(", ",
				missing) +
				": it is not the pytorch/examples saved_models.zip, or it is incomplete." +
				" Download it again.");
		return found;
	}

	private static ZipEntry anywhere(ZipFile zip, String fileName) {
		for (Enumeration<? extends ZipEntry> all = zip.entries(); all
			.hasMoreElements();)
		{
			ZipEntry entry = all.nextElement();
			String name = entry.getName();
			if (entry.isDirectory() || name.startsWith("__MACOSX/")) continue;
			if (name.equals(fileName) || name.endsWith("/" + fileName)) return entry;
		}
		return null;
	}

	/**
	 * Copies an entry, refusing more bytes than a model can have (a zip may lie
	 * about sizes).
	 */
	private static void copy(ZipFile zip, ZipEntry entry, Path target,
		Path archive) throws IOException
	{
		try (InputStream in = zip.getInputStream(entry);
				OutputStream out = Files.newOutputStream(target))
		{
			byte[] buffer = new byte[1 << 16];
			long total = 0;
			for (int n; (n = in.read(buffer)) > 0;) {
				total += n;
				if (total > MAX_MODEL_BYTES) throw new CheckpointException(entry
					.getName() + " in " + archive + " is larger than " +
					(MAX_MODEL_BYTES >> 20) +
					" MB: not a fast style model. Download saved_models.zip again.");
				out.write(buffer, 0, n);
			}
		}
		catch (ZipException e) {
			throw new CheckpointException(entry.getName() + " in " + archive +
				" is damaged. Download saved_models.zip again.", e);
		}
	}

	private static void check(Path unpacked, ZipEntry entry, Path archive)
		throws IOException
	{
		try (StateDict weights = Checkpoints.open(unpacked)) {
			TransformerNetLayout.validate(weights);
		}
		catch (CheckpointException e) {
			// The reader names the temporary file, which means nothing to the user.
			String detail = e.getMessage().replace(unpacked.toString(), "it");
			throw new CheckpointException(entry.getName() + " in " + archive +
				" is not a usable fast style model: " + detail, e);
		}
	}

	private static void move(Path from, Path to) throws IOException {
		AtomicFiles.moveOver(from, to);
	}
}
