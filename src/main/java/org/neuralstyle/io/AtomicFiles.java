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

package org.neuralstyle.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files that appear complete or not at all: written beside their target under a
 * temporary name, then published, so a crash, a full disk or a failed check
 * never leaves a half-written file where a reader would take it for a good one,
 * and an earlier file stays intact until then.
 * <p>
 * {@link #create} publishes with a hard link, which the file system refuses if
 * the target exists at that instant: a file that appeared at the target while
 * the content was being made (a second run with the same output, a user's copy)
 * is kept, not replaced. {@link #replace} renames over the target, for caches
 * and for outputs the user allowed to be overwritten.
 * <p>
 * Temporary files are named {@code .NAME.<host>-<pid>-<random>.part.EXT}. A
 * process killed with {@code kill -9} cannot delete its own; the next write
 * into the same folder deletes those whose process is gone (same host) or that
 * were left untouched for a day (any host).
 */
public final class AtomicFiles {

	/** Writes the content of a file at the temporary path it is given. */
	public interface Writer {

		void write(Path temporary) throws IOException;
	}

	/**
	 * Left untouched this long, a temporary file is abandoned whoever made it
	 * (another host's, a reused pid).
	 */
	static final Duration ABANDONED = Duration.ofHours(24);

	private static final Pattern TEMPORARY = Pattern.compile(
		"\\..+\\.([0-9a-f]{8})-(\\d+)-[0-9a-f]{8}\\.part(\\.[^.]*)?");
	private static final String HOST = String.format(Locale.ROOT, "%08x",
		hostName().hashCode());

	private AtomicFiles() {}

	/**
	 * Old name of {@link #replace}: writes the file, replacing any earlier one
	 * once the new one is complete.
	 */
	public static void write(Path target, Writer writer) throws IOException {
		replace(target, writer);
	}

	/**
	 * Runs {@code writer} on a temporary file beside {@code target}, then renames
	 * it over {@code target}.
	 */
	public static void replace(Path target, Writer writer) throws IOException {
		publish(target, writer, true);
	}

	/**
	 * Runs {@code writer} on a temporary file beside {@code target}, then
	 * publishes it under {@code target} only if no file is there at that instant.
	 *
	 * @throws FileAlreadyExistsException if {@code target} exists when the
	 *           content is complete; the content is discarded and the file at
	 *           {@code target} left as it is
	 */
	public static void create(Path target, Writer writer) throws IOException {
		publish(target, writer, false);
	}

	private static void publish(Path target, Writer writer, boolean replace)
		throws IOException
	{
		Path temporary = temporaryFor(target);
		try {
			try {
				writer.write(temporary);
			}
			catch (FileSystemException e) {
				// "No space left on device" about a hidden temporary file would send
				// the user looking for a file they never named.
				throw new IOException("Could not write " + target + ": " + (e
					.getReason() != null ? e.getReason() : e.getClass().getSimpleName()),
					e);
			}
			catch (IOException e) {
				String message = String.valueOf(e.getMessage());
				if (!message.contains(temporary.toString())) throw e;
				throw new IOException(message.replace(temporary.toString(), target
					.toString()), e);
			}
			if (!Files.isRegularFile(temporary)) throw new IOException(
				"Could not write " + target);
			if (replace) moveOver(temporary, target);
			else publishNew(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Publishes a complete file under {@code target} unless something is there: a
	 * hard link is created only if the name is free, in one step of the file
	 * system. Where links are not supported (FAT), a rename after a check, with a
	 * window of microseconds instead of the run. Either way the file keeps its
	 * identity, so a channel open on {@code temporary} writes to it.
	 */
	public static void publishNew(Path temporary, Path target)
		throws IOException
	{
		try {
			Files.createLink(target, temporary);
			Files.delete(temporary);
		}
		catch (FileAlreadyExistsException e) {
			throw new FileAlreadyExistsException(target.toString());
		}
		catch (UnsupportedOperationException | FileSystemException e) {
			if (Files.exists(target, LinkOption.NOFOLLOW_LINKS))
				throw new FileAlreadyExistsException(target.toString());
			Files.move(temporary, target);
		}
	}

	/**
	 * Renames {@code temporary} over {@code target}, atomically where the file
	 * system can.
	 */
	public static void moveOver(Path temporary, Path target) throws IOException {
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * A fresh temporary name beside {@code target}, in a folder that exists and
	 * has been cleared of abandoned temporary files. The extension stays last:
	 * some writers (ImageJ's) choose the format by it. The file is not created:
	 * whoever creates it gives it the user's usual permissions.
	 */
	public static Path temporaryFor(Path target) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		removeAbandoned(dir);
		String name = target.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String extension = dot > 0 ? name.substring(dot) : "";
		return dir.resolve(String.format(Locale.ROOT, ".%s.%s-%d-%08x.part%s", name,
			HOST, ProcessHandle.current().pid(), ThreadLocalRandom.current()
				.nextInt(), extension));
	}

	/**
	 * Deletes the temporary files in {@code dir} that no running writer will
	 * publish; returns how many.
	 */
	public static int removeAbandoned(Path dir) {
		int removed = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
			".*.part*"))
		{
			Instant old = Instant.now().minus(ABANDONED);
			for (Path file : files) {
				Matcher m = TEMPORARY.matcher(file.getFileName().toString());
				if (!m.matches() || !Files.isRegularFile(file)) continue;
				boolean ours = m.group(1).equals(HOST);
				long pid = Long.parseLong(m.group(2));
				FileTime modified = Files.getLastModifiedTime(file);
				boolean dead = ours && ProcessHandle.of(pid).map(p -> !p.isAlive())
					.orElse(true);
				if (dead || modified.toInstant().isBefore(old)) {
					if (Files.deleteIfExists(file)) removed++;
				}
			}
		}
		catch (IOException | NumberFormatException e) {
			// Tidying up is a courtesy: a folder that cannot be listed must not fail
			// the write.
		}
		return removed;
	}

	private static String hostName() {
		// Not InetAddress.getLocalHost(): it may wait for DNS.
		try {
			Path proc = Path.of("/proc/sys/kernel/hostname");
			if (Files.isReadable(proc)) return Files.readString(proc).trim();
		}
		catch (IOException | RuntimeException e) {
			// fall through
		}
		return Optional.ofNullable(System.getenv("HOSTNAME")).or(() -> Optional
			.ofNullable(System.getenv("COMPUTERNAME"))).orElse("unknown");
	}
}
