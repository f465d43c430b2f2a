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

package org.neuralstyle.imagej;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import ai.djl.util.Utils;

import org.junit.jupiter.api.Assertions;
import org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn;
import org.junit.jupiter.api.Assumptions;

/**
 * A real ImageJ 1.x, in its own JVM, running a macro in batch mode
 * ({@code ij.ImageJ -batch}) from an ImageJ folder of the test's making:
 * {@code plugins/} is where ImageJ 1.x looks for plugin jars and their
 * plugins.config ({@code -Dplugins.dir} names the folder that holds it, or
 * {@code plugins/} itself). Our classes and their dependencies come from the
 * test class path.
 * <p>
 * Plain ImageJ 1.x cannot run menu commands headless: {@code run("...")} first
 * builds the AWT menus, which throws HeadlessException under
 * {@code -Djava.awt.headless=true} (Fiji patches this away; plain ImageJ does
 * not). The process therefore gets a display: the test's own, or a virtual one
 * from {@code xvfb-run}. Dialogs do not open for commands given their macro
 * options.
 */
final class PlainImageJ {

	/**
	 * What the ImageJ process did: exit code (-1 if it was stopped), and
	 * everything it printed.
	 */
	record Outcome(int exitCode, String output, boolean timedOut) {
	}

	private final Path root;
	private final List<String> jvmOptions = new ArrayList<>();
	private String classPath;

	/**
	 * An empty ImageJ folder (with plugins/ and a private home for preferences)
	 * under root.
	 */
	PlainImageJ(Path root) throws IOException {
		this.root = root;
		Files.createDirectories(plugins());
		Files.createDirectories(root.resolve("home"));
	}

	/**
	 * Adds a JVM option (e.g. a system property) for the ImageJ processes this
	 * folder runs.
	 */
	PlainImageJ withJvmOption(String option) {
		jvmOptions.add(option);
		return this;
	}

	/**
	 * Installs this project's plugins.config as plugins/Neural_Style.jar, its
	 * classes coming from the class path.
	 */
	PlainImageJ withOurPlugins() throws IOException {
		try (InputStream in = SciJavaCommandPlugIn.class.getResourceAsStream(
			"/plugins.config"))
		{
			writeConfigJar(plugins().resolve("Neural_Style.jar"), new String(in
				.readAllBytes(), StandardCharsets.UTF_8));
		}
		return this;
	}

	/**
	 * DJL offline, PyTorch's native libraries where this JVM found them (the
	 * ImageJ process has its own home), and its own weights cache.
	 */
	PlainImageJ offline(Path weightsCache) {
		return withJvmOption("-Dai.djl.offline=true").withJvmOption(
			"-DENGINE_CACHE_DIR=" + Utils.getEngineCacheDir()).withJvmOption(
				"-Dneuralstyle.cache=" + weightsCache);
	}

	/**
	 * Starts ImageJ with only this class path (e.g. ij.jar alone, as a user
	 * installs it), instead of the test's: our classes and their dependencies
	 * must then come from plugins/.
	 */
	PlainImageJ withClassPath(String classPath) {
		this.classPath = classPath;
		return this;
	}

	Path plugins() {
		return root.resolve("plugins");
	}

	Path root() {
		return root;
	}

	/** True when an ImageJ process can get a display here. */
	static boolean displayAvailable() {
		return System.getenv("DISPLAY") != null || onPath("xvfb-run");
	}

	private static volatile boolean skipReported;

	/**
	 * Each macro test calls this first (in {@code @BeforeEach}, not
	 * {@code @BeforeAll}: an assumption failing there makes surefire report
	 * "Tests run: 0" for the class, so the tests vanish instead of counting as
	 * skipped). Without a display the test is skipped, with the reason printed
	 * once, or fails under CI ({@code CI=true}), where .ci/run installs Xvfb and
	 * the tests must run.
	 */
	static void requireDisplay() {
		if (displayAvailable()) return;
		String why =
			"Plain ImageJ 1.x needs a display to run menu commands: set DISPLAY or install xvfb-run (Debian: xvfb).";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(why +
			" CI=true, so the ImageJ 1.x macro tests " +
			"must run here, not be skipped.");
		if (!skipReported) {
			skipReported = true;
			System.err.println("Skipping the ImageJ 1.x macro tests: " + why);
		}
		Assumptions.abort(why);
	}

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		if (path == null) return false;
		for (String dir : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, program))) return true;
		}
		return false;
	}

	/**
	 * Writes a jar holding only a plugins.config; the classes it names come from
	 * the class path.
	 */
	static void writeConfigJar(Path jar, String pluginsConfig)
		throws IOException
	{
		Files.createDirectories(jar.getParent());
		try (OutputStream out = Files.newOutputStream(jar);
				JarOutputStream jarOut = new JarOutputStream(out))
		{
			jarOut.putNextEntry(new JarEntry("plugins.config"));
			jarOut.write(pluginsConfig.getBytes(StandardCharsets.UTF_8));
			jarOut.closeEntry();
		}
	}

	/**
	 * Runs the macro text with getArgument() = argument, and waits at most
	 * timeout.
	 */
	Outcome runMacro(String macro, String argument, Duration timeout)
		throws IOException, InterruptedException
	{
		Path macroFile = root.resolve("test.ijm");
		Files.writeString(macroFile, macro);
		Path log = root.resolve("output.txt");
		List<String> command = new ArrayList<>();
		if (System.getenv("DISPLAY") == null) command.addAll(List.of("xvfb-run",
			"-a"));
		command.add(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString());
		command.add("-Dplugins.dir=" + root);
		command.add("-Duser.home=" + root.resolve("home"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath != null ? classPath
			: testClassPath(), "ij.ImageJ", "-batch", macroFile.toString(),
			argument));
		Process process = new ProcessBuilder(command).directory(root.toFile())
			.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean finished = process.waitFor(timeout.toMillis(),
			TimeUnit.MILLISECONDS);
		if (!finished) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
		return new Outcome(finished ? process.exitValue() : -1, Files.readString(
			log), !finished);
	}

	/**
	 * Surefire hands the forked JVM a manifest-only jar as java.class.path; the
	 * real path is here.
	 */
	static String testClassPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return surefire != null && !surefire.isBlank() ? surefire : System
			.getProperty("java.class.path");
	}
}
