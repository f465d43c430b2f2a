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

package org.neuralstyle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The architecture the package names promise, read from the sources: the engine
 * knows nothing of ImageJ, SciJava or the command line, not even their words,
 * and packages depend on each other one way only.
 */
class LayeringTest {

	private static final Path SOURCES = Path.of("src/main/java/org/neuralstyle");
	private static final Set<String> ENGINE = Set.of("checkpoint", "weights",
		"tensor", "net", "loss", "optim", "optimize", "optimize.preset", "fast",
		"fast.train", "image", "flow", "io");
	private static final Pattern IMPORT = Pattern.compile(
		"^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
	private static final Pattern REFERENCE = Pattern.compile(
		"\\borg\\.neuralstyle\\.([a-z0-9.]*[a-z0-9])\\.[A-Z]");
	private static final Pattern STRING = Pattern.compile(
		"\"(?:\\\\.|[^\"\\\\])*\"");
	/** A command-line option ("--weights") or a Fiji menu path, in a string. */
	private static final Pattern FRONT_END_WORDS = Pattern.compile(
		"(?<![\\w-])--[a-z][a-z-]+|Plugins ?>");

	@Test
	void enginePackagesImportNeitherImageJNorSciJavaNorPicocli()
		throws IOException
	{
		List<String> offences = new ArrayList<>();
		for (Map.Entry<Path, String> file : sources().entrySet()) {
			if (!ENGINE.contains(packageOf(file.getKey()))) continue;
			Matcher m = IMPORT.matcher(file.getValue());
			while (m.find())
				if (m.group(1).matches("(ij|org\\.scijava|net\\.imagej|picocli)\\..*"))
					offences.add(file.getKey() + ": " + m.group(1));
		}
		assertEquals(List.of(), offences);
	}

	@Test
	void engineMessagesNameNoCommandLineOptionNorFijiMenu() throws IOException {
		List<String> offences = new ArrayList<>();
		for (Map.Entry<Path, String> file : sources().entrySet()) {
			if (!ENGINE.contains(packageOf(file.getKey()))) continue;
			Matcher s = STRING.matcher(withoutComments(file.getValue()));
			while (s.find())
				if (FRONT_END_WORDS.matcher(s.group()).find()) offences.add(file
					.getKey() + ": " + s.group());
		}
		assertEquals(List.of(), offences, "each front end words its own advice");
	}

	@Test
	void packagesDependOnEachOtherOneWayOnly() throws IOException {
		Map<String, Set<String>> uses = new TreeMap<>();
		for (Map.Entry<Path, String> file : sources().entrySet()) {
			String from = packageOf(file.getKey());
			Matcher m = REFERENCE.matcher(withoutComments(file.getValue()));
			while (m.find())
				if (!m.group(1).equals(from)) uses.computeIfAbsent(from,
					k -> new TreeSet<>()).add(m.group(1));
		}
		assertTrue(uses.containsKey("imagej") && uses.get("imagej").contains(
			"optimize"), "read the dependencies: " + uses);
		List<String> cycles = new ArrayList<>();
		for (String a : uses.keySet())
			for (String b : uses.get(a))
				if (reaches(uses, b, a, new TreeSet<>())) cycles.add(a + " <-> " + b);
		assertEquals(List.of(), cycles, "dependencies: " + uses);
	}

	private static boolean reaches(Map<String, Set<String>> uses, String from,
		String to, Set<String> seen)
	{
		if (from.equals(to)) return true;
		if (!seen.add(from)) return false;
		for (String next : uses.getOrDefault(from, Set.of()))
			if (reaches(uses, next, to, seen)) return true;
		return false;
	}

	private static Map<Path, String> sources() throws IOException {
		Map<Path, String> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(SOURCES)) {
			for (Path p : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(
				".java"))::iterator)
				files.put(SOURCES.relativize(p), Files.readString(p));
		}
		assertTrue(files.size() > 100, "found the sources in " + SOURCES
			.toAbsolutePath());
		return files;
	}

	private static String packageOf(Path relative) {
		Path parent = relative.getParent();
		return parent == null ? "" : parent.toString().replace('/', '.').replace(
			'\\', '.');
	}

	private static String withoutComments(String source) {
		return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
	}
}
