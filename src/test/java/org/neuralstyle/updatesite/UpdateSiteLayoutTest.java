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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.net.EngineUnavailableException;

/**
 * The Fiji update-site layout (issue 9 §3). The rules run on small trees of
 * tiny jars built here, one per way to break them, so the normal test run
 * checks the checker without the 300 MB of natives;
 * {@code mvn -Pupdate-site package} runs {@link #builtLayout()} on what it
 * wrote.
 */
class UpdateSiteLayoutTest {

	/**
	 * Set by the update-site profile's own surefire execution to the tree it has
	 * just written.
	 */
	static final String LAYOUT_PROPERTY = "neuralstyle.updateSite";

	static Set<String> fijiShipped;

	@TempDir
	Path root;

	@BeforeAll
	static void readPomScijava() throws Exception {
		fijiShipped = PomScijava.managedArtifacts(Paths.get("pom.xml"));
	}

	@Test
	void pomScijavaManagesWhatFijiShips() {
		// The libraries issue 9 names, and ImageJ and SciJava themselves: if these
		// were missing, the POM was misread and the layout check would let second
		// copies through.
		for (String ga : List.of("com.google.code.gson:gson",
			"net.java.dev.jna:jna", "org.apache.commons:commons-compress",
			"org.scijava:scijava-common", "net.imagej:ij", "org.slf4j:slf4j-api",
			"commons-io:commons-io"))
			assertTrue(fijiShipped.contains(ga), ga);
		// ...and not what Fiji lacks, which the update site must bring.
		for (String ga : List.of("ai.djl:api", "ai.djl.pytorch:pytorch-engine",
			"ai.djl.pytorch:pytorch-jni", "net.razorvine:pickle"))
			assertTrue(!fijiShipped.contains(ga), ga);
	}

	@Test
	void aGoodLayoutHasNoProblems() throws IOException {
		goodLayout();
		assertEquals(List.of(), UpdateSiteLayout.problems(root, fijiShipped));
	}

	@Test
	void aSecondVersionOfOurLibraryIsFound() throws IOException {
		goodLayout();
		jar("jars/api-0.35.0.jar", Map.of());
		assertProblem(
			"jars/api-0.36.0.jar and jars/api-0.35.0.jar are the same library (api)");
	}

	@Test
	void aLibraryInJarsAndInAPlatformFolderIsFound() throws IOException {
		goodLayout();
		jar("jars/linux64/pickle-1.5.jar", Map.of(
			"META-INF/maven/net.razorvine/pickle/pom.properties",
			"groupId=net.razorvine\nartifactId=pickle\nversion=1.5\n",
			"x/linux-x86_64/libx.so", ""));
		assertProblem("jars/pickle-1.5.jar is also jars/linux64/pickle-1.5.jar");
		assertProblem(
			"jars/pickle-1.5.jar and jars/linux64/pickle-1.5.jar are the same library (net.razorvine:pickle)");
	}

	@Test
	void aJarFijiShipsIsFound() throws IOException {
		goodLayout();
		// Named by its pom.properties, as Maven's jars are, or by its file name
		// when it has none.
		jar("jars/gson-2.11.0.jar", Map.of(
			"META-INF/maven/com.google.code.gson/gson/pom.properties",
			"groupId=com.google.code.gson\nartifactId=gson\nversion=2.11.0\n"));
		jar("jars/commons-compress-1.28.0.jar", Map.of());
		assertProblem(
			"jars/gson-2.11.0.jar: Fiji ships com.google.code.gson:gson already");
		assertProblem(
			"jars/commons-compress-1.28.0.jar: Fiji ships commons-compress already");
	}

	@Test
	void nativesOutsideTheirPlatformFolderAreFound() throws IOException {
		goodLayout();
		jar("jars/pytorch-native-cpu-2.7.1-osx-aarch64.jar", Map.of(
			"pytorch/cpu/osx-aarch64/libtorch.dylib", ""));
		jar("jars/win64/pytorch-native-cpu-2.7.1-linux-aarch64.jar", Map.of(
			"pytorch/cpu/linux-aarch64/libtorch.so", ""));
		assertProblem(
			"jars/pytorch-native-cpu-2.7.1-osx-aarch64.jar holds native code for macos-arm64 only: it belongs in jars/macos-arm64/");
		assertProblem(
			"jars/win64/pytorch-native-cpu-2.7.1-linux-aarch64.jar lies in a platform folder but holds native code for [linux-arm64]");
	}

	@Test
	void aPlainJarInAPlatformFolderAndAFolderTheUpdaterDoesNotKnowAreFound()
		throws IOException
	{
		goodLayout();
		jar("jars/win64/picocli-4.7.7.jar", Map.of());
		jar("jars/osx-x86_64/pytorch-native-cpu-2.7.1-osx-x86_64.jar", Map.of(
			"pytorch/cpu/osx-x86_64/libtorch.dylib", ""));
		assertProblem(
			"jars/win64/picocli-4.7.7.jar lies in a platform folder but holds native code for no platform");
		assertTrue(problems().stream().anyMatch(p -> p.startsWith(
			"jars/osx-x86_64/pytorch-native-cpu-2.7.1-osx-x86_64.jar: 'osx-x86_64' is not a platform of the Fiji updater")),
			problems()::toString);
	}

	/**
	 * What {@code mvn -Pupdate-site package} wrote: no problem, our jar and the
	 * engine in jars/, and a PyTorch native jar for each platform the engine's
	 * message calls supported, and for no other.
	 */
	@Test
	@EnabledIfSystemProperty(named = LAYOUT_PROPERTY, matches = ".+")
	void builtLayout() throws IOException {
		Path site = Paths.get(System.getProperty(LAYOUT_PROPERTY));
		assertEquals(List.of(), UpdateSiteLayout.problems(site, fijiShipped));
		List<UpdateSiteLayout.Jar> jars = UpdateSiteLayout.jars(site,
			new java.util.ArrayList<>());
		Set<String> top = jars.stream().filter(j -> j.folder().isEmpty()).map(
			UpdateSiteLayout.Jar::artifactId).collect(Collectors.toSet());
		for (String needed : List.of("neural-style", "api", "pytorch-engine",
			"pytorch-jni", "pickle"))
			assertTrue(top.contains(needed), needed + " is missing from jars/: " +
				top);
		Map<String, String> natives = new TreeMap<>();
		for (UpdateSiteLayout.Jar j : jars)
			if (!j.folder().isEmpty()) natives.put(j.folder(), j.artifactId());
		Set<String> expected = new TreeSet<>();
		for (String djl : EngineUnavailableException.SUPPORTED)
			expected.add(UpdateSiteLayout.NATIVE_FOLDERS.get(djl));
		assertEquals(expected, natives.keySet());
		assertTrue(natives.values().stream().allMatch("pytorch-native-cpu"::equals),
			natives::toString);
	}

	/** A tree as the profile writes it, with tiny stand-ins for its jars. */
	private void goodLayout() throws IOException {
		jar("jars/neural-style-0.1.0-SNAPSHOT.jar", Map.of(
			"META-INF/maven/org.neuralstyle/neural-style/pom.properties",
			"groupId=org.neuralstyle\nartifactId=neural-style\nversion=0.1.0-SNAPSHOT\n"));
		jar("jars/api-0.36.0.jar", Map.of());
		jar("jars/pytorch-engine-0.36.0.jar", Map.of());
		jar("jars/pickle-1.5.jar", Map.of(
			"META-INF/maven/net.razorvine/pickle/pom.properties",
			"groupId=net.razorvine\nartifactId=pickle\nversion=1.5\n"));
		// The JNI glue of every platform in one jar belongs in jars/.
		jar("jars/pytorch-jni-2.7.1-0.36.0.jar", Map.of(
			"jnilib/linux-x86_64/cpu/libdjl_torch.so", "",
			"jnilib/osx-aarch64/cpu/libdjl_torch.dylib", "",
			"jnilib/win-x86_64/cpu/djl_torch.dll", ""));
		jar("jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar", Map.of(
			"pytorch/cpu/linux-x86_64/libtorch_cpu.so", "",
			"pytorch/cpu/linux-x86_64/libgomp-98b21ff3.so.1", ""));
		jar("jars/macos-arm64/pytorch-native-cpu-2.7.1-osx-aarch64.jar", Map.of(
			"pytorch/cpu/osx-aarch64/libtorch_cpu.dylib", ""));
		jar("jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar", Map.of(
			"pytorch/cpu/win-x86_64/torch_cpu.dll", ""));
	}

	private void jar(String path, Map<String, String> entries)
		throws IOException
	{
		Path file = root.resolve(path);
		Files.createDirectories(file.getParent());
		try (OutputStream out = Files.newOutputStream(file);
				ZipOutputStream zip = new ZipOutputStream(out))
		{
			zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
			zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
			for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
				zip.putNextEntry(new ZipEntry(e.getKey()));
				zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	private List<String> problems() throws IOException {
		return UpdateSiteLayout.problems(root, fijiShipped);
	}

	private void assertProblem(String expected) throws IOException {
		List<String> problems = problems();
		assertTrue(problems.contains(expected), "expected \"" + expected +
			"\" among " + problems);
	}
}
