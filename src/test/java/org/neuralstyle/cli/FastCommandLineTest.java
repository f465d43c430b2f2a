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

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.testing.ConsoleCapture;
import org.neuralstyle.tensor.Scalars;
import org.neuralstyle.fast.TransformerNet;

/**
 * {@code fast} end to end with a transformation network written by real
 * PyTorch.
 */
class FastCommandLineTest {

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	static final String MODEL = Path.of(
		"src/test/resources/fixtures/fast/transformer_net_legacy.pth")
		.toAbsolutePath().toString();

	@TempDir
	Path dir;

	@AfterEach
	void restore() {
		System.clearProperty("neuralstyle.offline");
		System.clearProperty("neuralstyle.cache");
	}

	@Test
	void anImageAStackAndAFolder() throws Exception {
		Path in = dir.resolve("in.png");
		ImageFiles.write(CommandLineTest.noise(36, 28, 3), in);
		Path out = dir.resolve("out.png");
		assertEquals(0, Main.run("fast", "--model", MODEL, "--input", in.toString(),
			"--output", out.toString()), console.err());
		ImagePlus result = IJ.openImage(out.toString());
		assertEquals(36, result.getWidth());
		assertEquals(28, result.getHeight());
		// The output is the network's output for the input (36×28 fits one run and
		// needs no padding), not a copy: to within the 8-bit rounding of the PNG
		// written. Measured: at most 0.500 of a level; the input itself is 88
		// levels away on average.
		float[] written = ImageFiles.read(out).planes(), input = ImageFiles.read(in)
			.planes();
		float[] network;
		try (TransformerNet net = TransformerNet.load(Path.of(MODEL), Device.cpu());
				NDManager manager = NDManager.newBaseManager())
		{
			network = Scalars.dividedBy(net.forward(Scalars.times(manager.create(
				input, new Shape(1, 3, 28, 36)), 255f)).clip(0, 255), 255f)
				.toFloatArray();
		}
		double fromNetwork = 0, fromInput = 0;
		for (int i = 0; i < written.length; i++) {
			fromNetwork = Math.max(fromNetwork, Math.abs(written[i] - network[i]) *
				255);
			fromInput += Math.abs(written[i] - input[i]) * 255 / written.length;
		}
		System.out.printf(
			"fast output against the network: max %.3f levels; against the input: mean %.1f levels%n",
			fromNetwork, fromInput);
		assertTrue(fromNetwork <= 0.51,
			"largest difference to the network's output, in 8-bit levels: " +
				fromNetwork);
		assertTrue(fromInput > 10, "the image was stylized: " + fromInput);

		ImageStack stack = new ImageStack(36, 28);
		for (int i = 0; i < 3; i++)
			stack.addSlice("frame " + i, ImageFiles.toProcessor(CommandLineTest.noise(
				36, 28, 10 + i)));
		Path tif = dir.resolve("stack.tif");
		new FileSaver(new ImagePlus("stack", stack)).saveAsTiffStack(tif
			.toString());
		Path outStack = dir.resolve("out-stack.tif");
		assertEquals(0, Main.run("fast", "--model", MODEL, "--input", tif
			.toString(), "--output", outStack.toString()), console.err());
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
		int rc = Main.run("fast", "--model", MODEL, "--input", folder.toString(),
			"--output", outFolder.toString());
		assertEquals(ExitCodes.ERROR, rc, "one file failed");
		assertTrue(console.err().contains("failed: ") && console.err().contains(
			"broken.png"), console.err());
		assertTrue(console.err().contains("1 skipped"), console.err());
		assertEquals("done before", Files.readString(outFolder.resolve("a.png")),
			"files already done are kept");
		assertEquals(20, IJ.openImage(outFolder.resolve("b.jpg").toString())
			.getWidth());
	}

	@Test
	void tilesGiveTheOnePieceResultAndATooSmallTileIsRefused() throws Exception {
		Path in = dir.resolve("in.png");
		ImageFiles.write(CommandLineTest.noise(45, 37, 6), in);
		Path whole = dir.resolve("whole.png"), tiled = dir.resolve("tiled.png");
		assertEquals(0, Main.run("fast", "--model", MODEL, "--input", in.toString(),
			"--output", whole.toString(), "--tile", "0"), console.err());
		assertEquals(0, Main.run("fast", "--model", MODEL, "--input", in.toString(),
			"--output", tiled.toString(), "--tile", "32"), console.err());
		float[] a = ImageFiles.read(whole).planes(), b = ImageFiles.read(tiled)
			.planes();
		for (int i = 0; i < a.length; i++)
			assertTrue(Math.abs(a[i] - b[i]) * 255 <= 1.01, "value " + i);
		Path refused = dir.resolve("refused.png");
		assertEquals(ExitCodes.USAGE, Main.run("fast", "--model", MODEL, "--input",
			in.toString(), "--output", refused.toString(), "--tile", "16"));
		assertTrue(console.err().contains(
			"A tile of 16 pixels cannot hold the halo"), console.err());
		assertFalse(Files.exists(refused));
	}

	@Test
	void aWrongModelFileOrAnUnknownNameSaysWhatIsWrong() throws Exception {
		Path in = dir.resolve("in.png");
		ImageFiles.write(CommandLineTest.noise(16, 16, 3), in);
		String vgg = Path.of("src/test/resources/fixtures/parity/tiny_vgg.pth")
			.toAbsolutePath().toString();
		int rc = Main.run("fast", "--model", vgg, "--input", in.toString(),
			"--output", dir.resolve("x.png").toString());
		assertEquals(ExitCodes.ERROR, rc);
		assertFalse(console.err().contains("\tat "), console.err());
		assertTrue(console.err().toLowerCase().contains("vgg"), console.err());

		System.setProperty("neuralstyle.cache", dir.resolve("cache").toString());
		System.setProperty("neuralstyle.offline", "true");
		rc = Main.run("fast", "--model", "candy", "--input", in.toString(),
			"--output", dir.resolve("y.png").toString());
		assertEquals(ExitCodes.ERROR, rc);
		assertTrue(console.err().contains("saved_models.zip"), console.err());
		rc = Main.run("fast", "--model", "no_such_style", "--input", in.toString(),
			"--output", dir.resolve("z.png").toString());
		assertEquals(ExitCodes.ERROR, rc);
		assertTrue(console.err().contains("No fast model named 'no_such_style'"),
			console.err());
	}

	@Test
	void strengthBlendsWithTheInputAndARegionTakesTheModelOnlyThere()
		throws Exception
	{
		int w = 48, h = 28;
		Path in = dir.resolve("in.png");
		ImageFiles.write(CommandLineTest.noise(w, h, 3), in);
		Path full = dir.resolve("full.png"), half = dir.resolve("half.png"),
				region = dir.resolve("region.png"), labels = dir.resolve("labels.tif");
		assertEquals(0, Main.run("fast", "--model", MODEL, "--input", in.toString(),
			"--output", full.toString()), console.err());
		assertEquals(0, Main.run("fast", "--model", MODEL, "--input", in.toString(),
			"--output", half.toString(), "--strength", "0.5"), console.err());
		float[] input = ImageFiles.read(in).planes(), styled = ImageFiles.read(full)
			.planes(), blended = ImageFiles.read(half).planes();
		double worst = 0;
		for (int i = 0; i < input.length; i++)
			worst = Math.max(worst, Math.abs(blended[i] - (styled[i] + input[i]) /
				2));
		assertTrue(worst <= 1.01 / 255, "half the output, half the input: " +
			worst * 255 + " levels off");

		// Label 1 on the left half, 0 (the input) on the right.
		ij.process.ByteProcessor ip = new ij.process.ByteProcessor(w, h);
		for (int i = 0; i < w * h; i++)
			ip.set(i, i % w < w / 2 ? 1 : 0);
		IJ.saveAsTiff(new ImagePlus("labels", ip), labels.toString());
		assertEquals(0, Main.run("fast", "--model", MODEL, "--input", in.toString(),
			"--output", region.toString(), "--regions", labels.toString(),
			"--feather", "2"), console.err());
		float[] r = ImageFiles.read(region).planes();
		int n = w * h;
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int i = c * n + y * w + x;
					// Beyond 3 standard deviations of the feather, one side or the other.
					if (x < w / 2 - 6) assertEquals(styled[i], r[i], 1.01f / 255, "left");
					if (x >= w / 2 + 6) assertEquals(input[i], r[i], 1.01f / 255,
						"right");
				}
		assertEquals(ExitCodes.USAGE, Main.run("fast", "--model", MODEL, "--model",
			MODEL, "--input", in.toString(), "--output", dir.resolve("never.png")
				.toString(), "--regions", labels.toString()));
		assertTrue(console.err().contains("labels 1 to 1"), console.err());
	}
}
