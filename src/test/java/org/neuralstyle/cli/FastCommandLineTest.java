package org.neuralstyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fast} end to end with a transformation network written by real PyTorch. */
class FastCommandLineTest {

	static final String MODEL = Path.of("src/test/resources/fixtures/fast/transformer_net_legacy.pth").toAbsolutePath().toString();

	@TempDir
	Path dir;

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();
	private PrintStream oldErr;

	@BeforeEach
	void capture() {
		oldErr = System.err;
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restore() {
		System.setErr(oldErr);
		System.clearProperty("neuralstyle.offline");
		System.clearProperty("neuralstyle.cache");
	}

	private String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void anImageAStackAndAFolder() throws Exception {
		Path in = dir.resolve("in.png");
		ImageFiles.write(CommandLineTest.noise(36, 28, 3), in);
		Path out = dir.resolve("out.png");
		assertEquals(0, Main.run("fast", "--model", MODEL, "--input", in.toString(), "--output", out.toString()), err());
		ImagePlus result = IJ.openImage(out.toString());
		assertEquals(36, result.getWidth());
		assertEquals(28, result.getHeight());

		ImageStack stack = new ImageStack(36, 28);
		for (int i = 0; i < 3; i++) stack.addSlice("frame " + i, ImageFiles.toProcessor(CommandLineTest.noise(36, 28, 10 + i)));
		Path tif = dir.resolve("stack.tif");
		new FileSaver(new ImagePlus("stack", stack)).saveAsTiffStack(tif.toString());
		Path outStack = dir.resolve("out-stack.tif");
		assertEquals(0, Main.run("fast", "--model", MODEL, "--input", tif.toString(), "--output", outStack.toString()), err());
		ImageStack got = IJ.openImage(outStack.toString()).getStack();
		assertEquals(3, got.getSize());
		assertEquals("frame 2", got.getSliceLabel(3));

		Path folder = Files.createDirectories(dir.resolve("folder"));
		ImageFiles.write(CommandLineTest.noise(20, 20, 4), folder.resolve("a.png"));
		ImageFiles.write(CommandLineTest.noise(20, 24, 5), folder.resolve("b.jpg"));
		Files.writeString(folder.resolve("broken.png"), "not an image");
		Path outFolder = dir.resolve("styled");
		Files.createDirectories(outFolder);
		Files.writeString(outFolder.resolve("a.png"), "done before");
		int rc = Main.run("fast", "--model", MODEL, "--input", folder.toString(), "--output", outFolder.toString());
		assertEquals(ExitCodes.ERROR, rc, "one file failed");
		assertTrue(err().contains("failed: ") && err().contains("broken.png"), err());
		assertTrue(err().contains("1 skipped"), err());
		assertEquals("done before", Files.readString(outFolder.resolve("a.png")), "files already done are kept");
		assertEquals(20, IJ.openImage(outFolder.resolve("b.jpg").toString()).getWidth());
	}

	@Test
	void aWrongModelFileOrAnUnknownNameSaysWhatIsWrong() throws Exception {
		Path in = dir.resolve("in.png");
		ImageFiles.write(CommandLineTest.noise(16, 16, 3), in);
		String vgg = Path.of("src/test/resources/fixtures/parity/tiny_vgg.pth").toAbsolutePath().toString();
		int rc = Main.run("fast", "--model", vgg, "--input", in.toString(), "--output", dir.resolve("x.png").toString());
		assertEquals(ExitCodes.ERROR, rc);
		assertFalse(err().contains("\tat "), err());
		assertTrue(err().toLowerCase().contains("vgg"), err());

		System.setProperty("neuralstyle.cache", dir.resolve("cache").toString());
		System.setProperty("neuralstyle.offline", "true");
		rc = Main.run("fast", "--model", "candy", "--input", in.toString(), "--output", dir.resolve("y.png").toString());
		assertEquals(ExitCodes.ERROR, rc);
		assertTrue(err().contains("saved_models.zip"), err());
		rc = Main.run("fast", "--model", "no_such_style", "--input", in.toString(), "--output", dir.resolve("z.png").toString());
		assertEquals(ExitCodes.ERROR, rc);
		assertTrue(err().contains("No fast model named 'no_such_style'"), err());
	}
}
