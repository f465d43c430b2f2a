package org.neuralstyle.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Files that appear complete or not at all: written beside their target under a temporary name,
 * then renamed, so a crash, a full disk or a failed check never leaves a half-written file where
 * a reader would take it for a good one, and an earlier file stays intact until then.
 */
public final class AtomicFiles {

	/** Writes the content of a file at the temporary path it is given. */
	public interface Writer {
		void write(Path temporary) throws IOException;
	}

	private AtomicFiles() {}

	/** Runs {@code writer} on a temporary file beside {@code target}, then moves it into place. */
	public static void write(Path target, Writer writer) throws IOException {
		String name = target.getFileName().toString();
		int dot = name.lastIndexOf('.');
		// Keep the extension last: some writers (ImageJ's) choose the format by it.
		write(target, dot > 0 ? name.substring(dot) : "", writer);
	}

	private static void write(Path target, String extension, Writer writer) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		// Not createTempFile: the writer creates the file, so it gets the user's usual permissions.
		Path temporary = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part" + extension);
		try {
			writer.write(temporary);
			if (!Files.isRegularFile(temporary)) throw new IOException("Could not write " + target);
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}
}
