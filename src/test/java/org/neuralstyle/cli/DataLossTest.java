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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.GifWriter;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.ConsoleCapture;
import org.neuralstyle.image.RgbImage;

/**
 * Nothing the user had is replaced or lost: not by a file that appears during a
 * run, not by the progress stack, not by a fast run into its own input folder,
 * not by a full disk or Ctrl-C.
 */
class DataLossTest {

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	private static final String TINY_VGG = CommandLineTest.TINY_VGG;

	@TempDir
	Path dir;
	private Path content;
	private Path style;

	@BeforeEach
	void setUp() throws Exception {
		content = dir.resolve("content.png");
		style = dir.resolve("style.png");
		ImageFiles.write(CommandLineTest.noise(40, 30, 1), content);
		ImageFiles.write(CommandLineTest.noise(32, 32, 2), style);
	}

	private List<String> optimize(String... more) {
		List<String> args = new ArrayList<>(List.of("optimize", "--content", content
			.toString(), "--style", style.toString(), "--weights", TINY_VGG,
			"--optimizer", "adam"));
		args.addAll(List.of(more));
		return args;
	}

	@Test
	void aFileCreatedAtTheOutputDuringARunSurvivesIt() throws Exception {
		Path output = dir.resolve("result.png");
		Path progress = dir.resolve("progress.tif");
		AtomicInteger rc = new AtomicInteger(-1);
		Thread run = new Thread(() -> rc.set(Main.run(optimize("--iterations",
			"1500", "--output", output.toString(), "--progress", progress.toString(),
			"--snapshot-every", "1000").toArray(String[]::new))));
		run.start();
		// The run is under way once its progress stack exists; then a second run
		// (here: the user) writes the output.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!Files.exists(progress) && System.nanoTime() < deadline)
			Thread.sleep(20);
		assertTrue(Files.exists(progress), console.err());
		Files.writeString(output, "the user's file");
		run.join(120_000);
		assertTrue(Files.size(progress) > 3 * 40 * 30,
			"the file was written while the run went on");
		assertEquals("the user's file", Files.readString(output));
		Path beside = dir.resolve("result-2.png");
		assertTrue(Files.exists(beside), console.err());
		assertEquals(40, IJ.openImage(beside.toString()).getWidth());
		assertEquals(ExitCodes.ERROR, rc.get(), console.err());
		assertTrue(console.err().contains(output + " appeared during the run") &&
			console.err().contains(beside.toString()), console.err());
	}

	@Test
	void progressEqualToOutputIsRefusedWithExit2() throws Exception {
		Path same = dir.resolve("x.tif");
		int rc = Main.run(optimize("--iterations", "2", "--output", same.toString(),
			"--progress", same.toString(), "--overwrite").toArray(String[]::new));
		assertEquals(ExitCodes.USAGE, rc, console.err());
		assertTrue(console.err().contains(
			"--progress and --output name the same file"), console.err());
		assertFalse(Files.exists(same));
		// Also through another spelling of the same path.
		Files.writeString(same, "kept");
		rc = Main.run(optimize("--iterations", "2", "--output", same.toString(),
			"--progress", dir.resolve("sub/../x.tif").toString(), "--overwrite")
			.toArray(String[]::new));
		assertEquals(ExitCodes.USAGE, rc, console.err());
		assertEquals("kept", Files.readString(same));
	}

	@Test
	void initFromAnImageFileStartsFromThatImage() throws Exception {
		RgbImage start = CommandLineTest.noise(40, 30, 7);
		Path init = dir.resolve("start.png");
		ImageFiles.write(start, init);
		Path output = dir.resolve("from-init.png");
		// One tiny Adam step: the result is the starting image, to within a grey
		// level.
		int rc = Main.run(optimize("--iterations", "1", "--lr", "1e-6", "--init",
			init.toString(), "--output", output.toString()).toArray(String[]::new));
		assertEquals(0, rc, console.err());
		int[] got = (int[]) IJ.openImage(output.toString()).getProcessor()
			.getPixels();
		int[] expected = ImageFiles.packed(start);
		for (int i = 0; i < got.length; i++)
			for (int shift = 0; shift <= 16; shift += 8)
				assertTrue(Math.abs(((got[i] >> shift) & 0xff) -
					((expected[i] >> shift) & 0xff)) <= 1, "pixel " + i);

		rc = Main.run(optimize("--iterations", "1", "--init", dir.resolve(
			"nope.png").toString(), "--output", dir.resolve("y.png").toString())
			.toArray(String[]::new));
		assertEquals(ExitCodes.USAGE, rc);
		assertTrue(console.err().contains(
			"--init must be content, random or an image file"), console.err());
	}

	@Test
	void aLearningRateOfNaNIsRefusedWithExit2() {
		int rc = Main.run(optimize("--iterations", "1", "--lr", "NaN", "--output",
			dir.resolve("n.png").toString()).toArray(String[]::new));
		assertEquals(ExitCodes.USAGE, rc, console.err());
		assertTrue(console.err().contains("--lr must be a positive number"), console
			.err());
	}

	@Test
	void fastIntoItsOwnInputFolderIsRefusedEvenWithOverwrite() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("pictures"));
		Path original = folder.resolve("a.png");
		ImageFiles.write(CommandLineTest.noise(20, 20, 4), original);
		byte[] before = Files.readAllBytes(original);
		for (String out : List.of(folder.toString(), folder + "/", folder.resolve(
			"../pictures").toString()))
		{
			int rc = Main.run("fast", "--model", FastCommandLineTest.MODEL, "--input",
				folder.toString(), "--output", out, "--overwrite");
			assertEquals(ExitCodes.USAGE, rc, console.err());
		}
		assertTrue(console.err().contains("would replace the originals"), console
			.err());
		// One image onto itself, too.
		int rc = Main.run("fast", "--model", FastCommandLineTest.MODEL, "--input",
			original.toString(), "--output", original.toString(), "--overwrite");
		assertEquals(ExitCodes.USAGE, rc, console.err());
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(original)));
	}

	@Test
	void animatedGifsInFastsFolderModeBecomeTiffStacks() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("gifs"));
		ImageStack frames = new ImageStack(24, 20);
		for (int i = 0; i < 3; i++)
			frames.addSlice("f" + i, ImageFiles.toProcessor(CommandLineTest.noise(24,
				20, 20 + i)).convertToByteProcessor());
		GifWriter.save(new ImagePlus("anim", frames), folder.resolve("anim.gif")
			.toString());
		ImageFiles.write(CommandLineTest.noise(24, 20, 30), folder.resolve(
			"still.png"));
		Path out = dir.resolve("gifs-styled");
		int rc = Main.run("fast", "--model", FastCommandLineTest.MODEL, "--input",
			folder.toString(), "--output", out.toString());
		assertEquals(0, rc, console.err());
		assertEquals(3, IJ.openImage(out.resolve("anim.tif").toString())
			.getStackSize());
		assertTrue(Files.exists(out.resolve("still.png")));
		// Run again: both count as done.
		rc = Main.run("fast", "--model", FastCommandLineTest.MODEL, "--input",
			folder.toString(), "--output", out.toString());
		assertEquals(0, rc, console.err());
		assertTrue(console.err().contains("2 skipped"), console.err());
	}

	// ---- in a separate process: signals and file size limits act on a whole JVM

	private static ProcessBuilder cli(String limitKilobytes, List<String> args) {
		List<String> command = new ArrayList<>(List.of("bash", "-c",
			(limitKilobytes == null ? "" : "ulimit -f " + limitKilobytes + "; ") +
				"exec \"$@\"", "cli", Path.of(System.getProperty("java.home"), "bin",
					"java").toString(), "-cp", System.getProperty("java.class.path"),
			"-Djava.awt.headless=true", "-Dai.djl.offline=true", "-XX:-UsePerfData",
			"-Xmx1g", Main.class.getName()));
		command.addAll(args);
		return new ProcessBuilder(command).redirectOutput(
			ProcessBuilder.Redirect.DISCARD);
	}

	/**
	 * Exit code, a line break, and what the run printed on stderr (through a
	 * pipe: the size limit would cut a file).
	 */
	private static String run(ProcessBuilder pb) throws Exception {
		Process p = pb.redirectError(ProcessBuilder.Redirect.PIPE).start();
		String err = new String(p.getErrorStream().readAllBytes(),
			StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ended");
		return p.exitValue() + "\n" + err;
	}

	@Test
	void aFailingProgressWriteWarnsStopsTheProgressAndStillWritesTheResult()
		throws Exception
	{
		assumeTrue(new File("/bin/bash").canExecute(), "bash for ulimit");
		Path output = dir.resolve("result.png");
		Path progress = dir.resolve("progress.tif");
		// A file size limit of 8 KB stands in for a full disk: a slice of 40×30 is
		// 3.6 KB, the PNG about 4 KB.
		String result = run(cli("8", optimize("--iterations", "30", "--output",
			output.toString(), "--progress", progress.toString(), "--snapshot-every",
			"1")));
		assertTrue(result.startsWith("0\n"), result);
		assertTrue(result.contains(
			"warning: the progress stack is no longer updated") && result.contains(
				"File too large"), result);
		assertEquals(1, result.split("warning:", -1).length - 1, "warned once: " +
			result);
		assertEquals(40, IJ.openImage(output.toString()).getWidth());
		assertTrue(IJ.openImage(progress.toString()).getStackSize() >= 1,
			"what was written of the stack stays readable");
	}

	@Test
	void aFullDiskForTheOutputNamesTheUsersPathNotATemporaryFile()
		throws Exception
	{
		assumeTrue(new File("/bin/bash").canExecute(), "bash for ulimit");
		Path output = dir.resolve("result.tif");
		String result = run(cli("2", optimize("--iterations", "2", "--output",
			output.toString())));
		assertTrue(result.startsWith("1\n"), result);
		assertTrue(result.contains("error: Could not write " + output) && result
			.contains("File too large"), result);
		assertFalse(result.contains(".part"), result);
		assertFalse(result.contains("\tat "), result);
		try (var files = Files.list(dir)) {
			assertEquals(List.of(), files.filter(f -> f.getFileName().toString()
				.startsWith(".")).toList(), "no temporary file left");
		}
	}

	@Test
	void ctrlCExits130WithinFiveSecondsWithTheImageWritten() throws Exception {
		stopWith("-INT", ExitCodes.INTERRUPTED);
	}

	@Test
	void aTerminatedRunStillWritesItsImage() throws Exception {
		// SIGTERM goes through the shutdown hook: the PNG is written while the JVM
		// shuts down.
		stopWith("-TERM", 143);
	}

	@Test
	void ctrlCDuringAFastStackWritesTheSlicesDone() throws Exception {
		stopFastStackWith("-INT", ExitCodes.INTERRUPTED);
	}

	@Test
	void aTerminatedFastStackStillWritesTheSlicesDone() throws Exception {
		stopFastStackWith("-TERM", 143);
	}

	/**
	 * A stack too long to finish before the signal: the run stops after the slice
	 * it is on and publishes the stack of the slices done.
	 */
	private void stopFastStackWith(String signal, int exitCode) throws Exception {
		assumeTrue(new File("/bin/kill").canExecute() || new File("/usr/bin/kill")
			.canExecute(), "kill");
		int slices = 500;
		ImageStack stack = new ImageStack(96, 96);
		java.util.Random r = new java.util.Random(5);
		for (int i = 0; i < slices; i++) {
			int[] rgb = new int[96 * 96];
			for (int k = 0; k < rgb.length; k++)
				rgb[k] = r.nextInt(1 << 24);
			stack.addSlice("t" + i, new ij.process.ColorProcessor(96, 96, rgb));
		}
		Path input = dir.resolve("long.tif");
		IJ.saveAsTiff(new ImagePlus("long", stack), input.toString());
		Path output = dir.resolve("styled.tif");
		Path log = dir.resolve("fast-log");
		Process p = cli(null, List.of("fast", "--model", FastCommandLineTest.MODEL,
			"--input", input.toString(), "--output", output.toString()))
			.redirectError(log.toFile()).start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (p.isAlive() && System.nanoTime() < deadline && !(Files.exists(log) &&
			Files.readString(log).contains("slice 3 of")))
			Thread.sleep(20);
		assertTrue(p.isAlive(), Files.readString(log));
		new ProcessBuilder("kill", signal, Long.toString(p.pid())).start()
			.waitFor();
		assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exited within 30 s of " +
			signal);
		String text = Files.readString(log);
		assertEquals(exitCode, p.exitValue(), text);
		assertTrue(text.contains("Stopped after slice"), text);
		int written = IJ.openImage(output.toString()).getStackSize();
		assertTrue(written >= 3 && written < slices, written + " slices: " + text);
		assertEquals("t0", IJ.openImage(output.toString()).getStack().getSliceLabel(
			1));
		assertFalse(text.contains("\tat "), text);
	}

	private void stopWith(String signal, int exitCode) throws Exception {
		assumeTrue(new File("/bin/kill").canExecute() || new File("/usr/bin/kill")
			.canExecute(), "kill");
		Path output = dir.resolve("stopped.png");
		Path progress = dir.resolve("p.tif");
		Process p = cli(null, optimize("--iterations", "1000000", "--output", output
			.toString(), "--progress", progress.toString(), "--snapshot-every",
			"1000")).redirectError(dir.resolve("log").toFile()).start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (!Files.exists(progress) && p.isAlive() && System
			.nanoTime() < deadline)
			Thread.sleep(20);
		assertTrue(Files.exists(progress), Files.readString(dir.resolve("log")));
		long t0 = System.nanoTime();
		new ProcessBuilder("kill", signal, Long.toString(p.pid())).start()
			.waitFor();
		assertTrue(p.waitFor(5, TimeUnit.SECONDS), "exited within 5 s of " +
			signal);
		double seconds = (System.nanoTime() - t0) / 1e9;
		String log = Files.readString(dir.resolve("log"));
		assertEquals(exitCode, p.exitValue(), log);
		assertEquals(40, IJ.openImage(output.toString()).getWidth(), log);
		assertFalse(log.contains("\tat "), log);
		console.realErr().printf("%s to exit: %.2f s%n", signal, seconds);
	}
}
