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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing files whole, never over a file that appeared meanwhile, and
 * tidying up after killed writers.
 */
class AtomicFilesTest {

	@TempDir
	Path dir;

	private List<String> names() throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void aFileThatAppearsAtTheTargetWhileTheContentIsWrittenIsKept()
		throws IOException
	{
		Path target = dir.resolve("result.png");
		assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.create(
			target, temporary -> {
				Files.writeString(temporary, "the run's result");
				// A second run, or the user, puts a file there before this one is done.
				Files.writeString(target, "the user's file");
			}));
		assertEquals("the user's file", Files.readString(target));
		assertEquals(List.of("result.png"), names(), "nothing else left behind");
	}

	@Test
	void createPublishesWhenTheNameIsFreeAndReplaceReplaces() throws IOException {
		Path target = dir.resolve("a.tif");
		AtomicFiles.create(target, temporary -> Files.writeString(temporary,
			"one"));
		assertEquals("one", Files.readString(target));
		assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.create(
			target, t -> Files.writeString(t, "two")));
		assertEquals("one", Files.readString(target));
		AtomicFiles.replace(target, temporary -> Files.writeString(temporary,
			"three"));
		assertEquals("three", Files.readString(target));
		assertEquals(List.of("a.tif"), names());
	}

	@Test
	void aFullDiskIsReportedWithTheUsersPathNotTheTemporaryFile() {
		Path target = dir.resolve("out.png");
		IOException e = assertThrows(IOException.class, () -> AtomicFiles.create(
			target, temporary -> {
				Files.writeString(temporary, "half");
				throw new FileSystemException(temporary.toString(), null,
					"No space left on device");
			}));
		assertTrue(e.getMessage().contains(target.toString()) && e.getMessage()
			.contains("No space left on device"), e.getMessage());
		assertFalse(e.getMessage().contains(".part"), e.getMessage());
		assertFalse(Files.exists(target));
	}

	@Test
	void temporaryFilesOfAKilledWriterAreRemovedByTheNextWriteInTheFolder()
		throws Exception
	{
		Process gone = new ProcessBuilder("java", "-version").redirectErrorStream(
			true).start();
		gone.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		gone.waitFor();
		String own = AtomicFiles.temporaryFor(dir.resolve("x.png")).getFileName()
			.toString();
		String ownPid = "-" + ProcessHandle.current().pid() + "-";
		assertTrue(own.matches(
			"\\.x\\.png\\.[0-9a-f]{8}-\\d+-[0-9a-f]{8}\\.part\\.png"), own);
		// What kill -9 leaves: the writer's process is gone.
		Path killed = Files.writeString(dir.resolve(own.replace(ownPid, "-" + gone
			.pid() + "-").replace("x.png", "killed.png")), "half");
		// A writer still at work, in this process: must survive.
		Path running = Files.writeString(dir.resolve(own.replace("x.png",
			"running.png")), "half");
		// Another machine's writer on a shared folder: its pid means nothing here,
		// so only age counts.
		String otherHost = own.replaceFirst("\\.png\\.[0-9a-f]{8}-",
			".png.0badc0de-");
		Path remoteFresh = Files.writeString(dir.resolve(otherHost.replace("x.png",
			"remote.png")), "half");
		Path remoteOld = Files.writeString(dir.resolve(otherHost.replace("x.png",
			"old.png")), "half");
		Files.setLastModifiedTime(remoteOld, FileTime.from(Instant.now().minus(
			AtomicFiles.ABANDONED).minus(Duration.ofMinutes(1))));
		Path user = Files.writeString(dir.resolve(".notes.part"),
			"a user's file that only looks similar");

		AtomicFiles.create(dir.resolve("next.png"), temporary -> Files.writeString(
			temporary, "done"));

		assertFalse(Files.exists(killed), "left by a killed writer");
		assertFalse(Files.exists(remoteOld), "abandoned for a day");
		assertTrue(Files.exists(running) && Files.exists(remoteFresh) && Files
			.exists(user), names().toString());
		assertTrue(Files.exists(dir.resolve("next.png")));
	}
}
