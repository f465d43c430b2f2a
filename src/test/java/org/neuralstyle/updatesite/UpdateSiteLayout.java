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

package org.neuralstyle.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The rules a Fiji update-site tree must follow (issue 9 §3), as a list of the
 * problems a tree has. The Fiji updater installs {@code jars/*.jar} everywhere
 * and {@code jars/<platform>/*.jar} only on that platform (imagej-updater's
 * {@code Checksummer.tryToGuessPlatform}), and Fiji's launcher puts both on the
 * class path ({@code jars/*.jar} and {@code jars/*}{@code /*.jar} in fiji's
 * {@code config/jaunch/fiji.toml}). So: each library once per platform's class
 * path, nothing Fiji already ships (a second version beside Fiji's own is a
 * class-path lottery), and a jar of native code for one platform only in that
 * platform's folder.
 */
final class UpdateSiteLayout {

	/**
	 * The updater's platform names: imagej-updater's
	 * {@code net.imagej.updater.util.Platforms}.
	 */
	static final Set<String> FIJI_PLATFORMS = Set.of("linux32", "linux64",
		"linux-arm64", "macos64", "macos-arm64", "macosx", "win32", "win64",
		"win-arm64");

	/**
	 * Folder names inside a jar that say which platform its native libraries are
	 * for: DJL's {@code os-arch} classifiers and JNA's resource prefixes, each to
	 * the updater's platform name.
	 */
	static final Map<String, String> NATIVE_FOLDERS = Map.ofEntries(Map.entry(
		"linux-x86_64", "linux64"), Map.entry("linux-x86-64", "linux64"), Map.entry(
			"linux-aarch64", "linux-arm64"), Map.entry("osx-x86_64", "macos64"), Map
				.entry("darwin-x86-64", "macos64"), Map.entry("osx-aarch64",
					"macos-arm64"), Map.entry("darwin-aarch64", "macos-arm64"), Map.entry(
						"win-x86_64", "win64"), Map.entry("win32-x86-64", "win64"), Map
							.entry("win-aarch64", "win-arm64"), Map.entry("win32-aarch64",
								"win-arm64"));

	private static final Pattern NATIVE_LIBRARY = Pattern.compile(
		".*\\.(so(\\.[0-9.]+)?|dylib|jnilib|dll)");
	/**
	 * {@code artifactId-version[-classifier].jar}, as Maven names the jars it
	 * copies; a version starts with a digit.
	 */
	private static final Pattern VERSIONED = Pattern.compile(
		"(.+?)-[0-9].*\\.jar");

	/**
	 * One jar of the tree: where it lies, what it is, which platforms its native
	 * libraries are for.
	 */
	record Jar(Path file, String folder, String groupId, String artifactId,
			Set<String> nativePlatforms) {

		String where() {
			return folder.isEmpty() ? "jars/" + file.getFileName() : "jars/" +
				folder + "/" + file.getFileName();
		}

		/** What the updater and the class path treat as the same library. */
		String identity() {
			return groupId != null ? groupId + ":" + artifactId : artifactId;
		}
	}

	private UpdateSiteLayout() {}

	/**
	 * Every jar under {@code root/jars}, and a problem for anything else there.
	 */
	static List<Jar> jars(Path root, List<String> problems) throws IOException {
		List<Jar> jars = new ArrayList<>();
		Path dir = root.resolve("jars");
		if (!Files.isDirectory(dir)) {
			problems.add("no jars/ folder in " + root);
			return jars;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)
				.sorted()::iterator)
			{
				Path relative = dir.relativize(file);
				String name = file.getFileName().toString();
				if (!name.endsWith(".jar")) {
					problems.add("jars/" + relative + " is not a jar");
					continue;
				}
				if (relative.getNameCount() > 2) {
					problems.add("jars/" + relative +
						" is nested deeper than jars/<platform>/");
					continue;
				}
				String folder = relative.getNameCount() == 2 ? relative.getName(0)
					.toString() : "";
				jars.add(describe(file, folder));
			}
		}
		return jars;
	}

	static Jar describe(Path file, String folder) throws IOException {
		String groupId = null, artifactId = null;
		Set<String> platforms = new TreeSet<>();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			List<ZipEntry> poms = new ArrayList<>();
			for (Enumeration<? extends ZipEntry> e = zip.entries(); e
				.hasMoreElements();)
			{
				ZipEntry entry = e.nextElement();
				String name = entry.getName();
				if (name.startsWith("META-INF/maven/") && name.endsWith(
					"/pom.properties")) poms.add(entry);
				if (entry.isDirectory() || !NATIVE_LIBRARY.matcher(name).matches())
					continue;
				for (String segment : name.split("/")) {
					String platform = NATIVE_FOLDERS.get(segment);
					if (platform != null) platforms.add(platform);
				}
			}
			// A shaded jar holds several; only a jar's own single pom.properties
			// names it.
			if (poms.size() == 1) {
				Properties p = new Properties();
				try (InputStream in = zip.getInputStream(poms.get(0))) {
					p.load(in);
				}
				groupId = p.getProperty("groupId");
				artifactId = p.getProperty("artifactId");
			}
		}
		if (artifactId == null) {
			// DJL's jars carry no pom.properties: their Maven file name names them.
			Matcher m = VERSIONED.matcher(file.getFileName().toString());
			artifactId = m.matches() ? m.group(1) : file.getFileName().toString()
				.replaceFirst("\\.jar$", "");
		}
		return new Jar(file, folder, groupId, artifactId, platforms);
	}

	/**
	 * What is wrong with the tree at {@code root}; empty when nothing is.
	 *
	 * @param fijiShipped what Fiji already ships, as {@code groupId:artifactId}
	 */
	static List<String> problems(Path root, Set<String> fijiShipped)
		throws IOException
	{
		List<String> problems = new ArrayList<>();
		List<Jar> jars = jars(root, problems);
		Set<String> artifactIdsShipped = new TreeSet<>();
		for (String ga : fijiShipped)
			artifactIdsShipped.add(ga.substring(ga.indexOf(':') + 1));

		Map<String, String> fileNames = new HashMap<>();
		Set<String> folders = new TreeSet<>();
		for (Jar jar : jars) {
			String previous = fileNames.put(jar.file().getFileName().toString(), jar
				.where());
			if (previous != null) problems.add(jar.where() + " is also " + previous);
			if (!jar.folder().isEmpty()) {
				folders.add(jar.folder());
				if (!FIJI_PLATFORMS.contains(jar.folder())) problems.add(jar.where() +
					": '" + jar.folder() + "' is not a platform of the Fiji updater " +
					new TreeSet<>(FIJI_PLATFORMS));
			}
			boolean shipped = jar.groupId() != null ? fijiShipped.contains(jar
				.identity()) : artifactIdsShipped.contains(jar.artifactId());
			if (shipped) problems.add(jar.where() + ": Fiji ships " + jar.identity() +
				" already");
			Set<String> natives = jar.nativePlatforms();
			if (jar.folder().isEmpty() && natives.size() == 1) problems.add(jar
				.where() + " holds native code for " + natives.iterator().next() +
				" only: it belongs in jars/" + natives.iterator().next() + "/");
			if (!jar.folder().isEmpty() && !natives.equals(Set.of(jar.folder())))
				problems.add(jar.where() +
					" lies in a platform folder but holds native code for " + (natives
						.isEmpty() ? "no platform" : natives));
		}

		// What one platform's class path gets: jars/ and that platform's folder.
		// The top level alone counts too.
		folders.add("");
		for (String folder : folders) {
			Map<String, String> seen = new HashMap<>();
			for (Jar jar : jars) {
				if (!jar.folder().isEmpty() && !jar.folder().equals(folder)) continue;
				String previous = seen.put(jar.identity(), jar.where());
				if (previous != null) problems.add(jar.where() + " and " + previous +
					" are the same library (" + jar.identity() + ")");
			}
		}
		// A pair of versions shows up once per platform folder: name it once.
		return new ArrayList<>(new LinkedHashSet<>(problems));
	}
}
