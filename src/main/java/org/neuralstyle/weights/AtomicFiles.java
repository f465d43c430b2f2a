package org.neuralstyle.weights;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files that appear complete or not at all: written beside their target under a temporary name,
 * then renamed, so a crash, a full disk or a failed check never leaves a half-written file where
 * a reader would take it for a good one.
 */
final class AtomicFiles {

	/** Writes the content of a file at the temporary path it is given. */
	interface Writer {
		void write(Path temporary) throws IOException;
	}

	private AtomicFiles() {
	}

	/** Runs {@code writer} on a temporary file beside {@code target}, then moves it into place. */
	static void write(Path target, Writer writer) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path temporary = Files.createTempFile(dir, "." + target.getFileName(), ".part");
		try {
			writer.write(temporary);
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
		} finally {
			Files.deleteIfExists(temporary);
		}
	}
}
