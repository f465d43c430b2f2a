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

import ai.djl.Device;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.neuralstyle.fast.Blending;
import org.neuralstyle.fast.FastModelLibrary;
import org.neuralstyle.fast.FastStylizer;
import org.neuralstyle.fast.TransformerNet;
import org.neuralstyle.image.Mask;
import org.neuralstyle.imagefile.ImageFileReader;
import org.neuralstyle.imagefile.LabelImages;
import org.neuralstyle.flow.TemporalBlend;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.weights.PretrainedWeights;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fast}: stylizes with a feed-forward model (Johnson et al.), one pass
 * per image. An image file gives an image file, a multi-slice TIFF a TIFF
 * stack, a folder a folder.
 */
@Command(name = "fast", sortOptions = false, mixinStandardHelpOptions = true,
	description = "Stylize with a fast (feed-forward) style model: one image, every slice of a stack, or every image of a folder.")
final class FastCommand implements Callable<Integer> {

	@Option(names = "--model", required = true, paramLabel = "NAME|FILE",
		description = "candy, mosaic, rain_princess, udnie (fetched on first use), a model you trained, or a .pth/.safetensors file; " +
			"with --regions, one per label in label order.")
	List<String> models;

	@Option(names = "--strength", defaultValue = "1", paramLabel = "S",
		description = "How strongly the style is applied, 0 to 1: the result is S times the model's output plus 1 - S times the input (default: ${DEFAULT-VALUE}).")
	double strength;

	@Option(names = "--regions", paramLabel = "LABELS.tif",
		description = "A label image of the input's size: label k takes the k-th --model, 0 keeps the input; " +
			"the regions' edges are feathered.")
	Path regions;

	@Option(names = "--feather", defaultValue = "" + Blending.DEFAULT_FEATHER,
		paramLabel = "PX",
		description = "With --regions, the standard deviation in pixels of the Gaussian that softens region edges; 0: hard edges (default: ${DEFAULT-VALUE}).")
	double feather;

	@Option(names = "--input", required = true, paramLabel = "IN",
		description = "Image file, multi-slice TIFF, or folder of images.")
	Path input;

	@Option(names = "--output", required = true, paramLabel = "OUT",
		description = "Image file (or TIFF stack), or folder for a folder input.")
	Path output;

	@Option(names = "--tile", defaultValue = "" + FastStylizer.DEFAULT_TILE_SIZE,
		paramLabel = "N",
		description = "Stylize in tiles of N pixels: the same result as in one piece, in memory bounded by the tile; 0: never; -1: only when the image does not fit in memory (default: ${DEFAULT-VALUE}).")
	int tile;

	@Option(names = "--temporal-smoothing", paramLabel = "S",
		description = "For a multi-slice TIFF (a time-lapse): blend each slice's result with the previous one's, warped by the motion between the slices, where that motion is trusted; S is the previous slice's share, from 0 to below 1. Steadies flicker but smears what changes from slice to slice; the flicker is reported (also with 0). Default: off.")
	Double temporalSmoothing;

	@Mixin
	ImageRunOptions run;

	@Override
	public Integer call() throws Exception {
		if (!Files.exists(input)) throw new IOException("Input not found: " +
			input);
		boolean folder = Files.isDirectory(input);
		if (folder) {
			if (Files.exists(output) && !Files.isDirectory(output))
				throw new IllegalArgumentException(
					"The input is a folder, so the output must be a folder too: " +
						output + " is a file");
			// The results have the names of the originals: in their folder they would
			// replace them.
			if (ImageFiles.sameFile(input, output))
				throw new IllegalArgumentException("--output is the input folder " +
					input +
					": the results would replace the originals. Name another folder, e.g. " +
					input.toAbsolutePath().normalize().resolveSibling(input
						.toAbsolutePath().normalize().getFileName() + "-styled"));
		}
		else {
			ImageFiles.checkWritable(output, run.overwrite, false);
			ImageFiles.checkDistinct(output, "--output", input, "--input");
		}
		if (!(strength >= 0 && strength <= 1)) throw new IllegalArgumentException(
			"--strength must be between 0 and 1 (got " + strength + ")");
		if (!(feather >= 0)) throw new IllegalArgumentException(
			"--feather must be a number of pixels >= 0 (got " + feather + ")");
		if (regions == null && models.size() > 1)
			throw new IllegalArgumentException("--model is given " + models.size() +
				" times: several models go with --regions, one per label");
		if (regions != null && folder) throw new IllegalArgumentException(
			"--regions fits one image or stack, not a folder of images of any size");
		FastStylizer.check(tile);
		if (temporalSmoothing != null) new TemporalBlend(temporalSmoothing);
		Device dev = run.device.parse();
		List<TransformerNet> nets = new ArrayList<>();
		try {
			List<FastStylizer> stylizers = new ArrayList<>();
			for (String model : models) {
				Path modelFile = FastModelLibrary.standard().obtain(model,
					PretrainedWeights.standard(PretrainedWeights.Consent.ALWAYS,
						new ConsoleProgress(model, System.err)));
				TransformerNet net = TransformerNet.load(modelFile, dev);
				nets.add(net);
				net.convolutionsIn(run.precision.parse().convolutions(dev));
				stylizers.add(new FastStylizer(net, tile));
			}
			this.stylizers = stylizers;
			// From here a first Ctrl-C (or a shutdown) stops after the current image
			// or slice and writes what is done.
			try (Interruption stop = Interruption.install("image", 300)) {
				interruption = stop;
				int code = folder ? folder() : file(input, output);
				return stop.requested() ? ExitCodes.INTERRUPTED : code;
			}
		}
		finally {
			for (TransformerNet net : nets)
				net.close();
		}
	}

	/** One per --model, in order. */
	private List<FastStylizer> stylizers;
	/** Asked between images and slices whether to stop. */
	private Interruption interruption;
	/** The masks of --regions' labels 1, 2... (null without regions). */
	private List<Mask> regionMasks;

	/** The regions for a picture of this size, read once. */
	private List<Mask> regionMasks(int width, int height) throws IOException {
		if (regions == null) return null;
		if (regionMasks == null) {
			ImagePlus labelImage = ImageFileReader.open(regions);
			int[] labels = LabelImages.labels(labelImage, "--regions " + regions);
			int count = LabelImages.count(labels);
			if (count != models.size()) throw new IllegalArgumentException(String
				.format(Locale.ROOT,
					"--regions has labels 1 to %d but %d --model %s given: give one --model per label, in label order",
					count, models.size(), models.size() == 1 ? "is" : "are"));
			regionMasks = LabelImages.masks(labels, labelImage.getWidth(), labelImage
				.getHeight(), count);
		}
		if (regionMasks.get(0).width() != width || regionMasks.get(0)
			.height() != height) throw new IllegalArgumentException(String.format(
				Locale.ROOT,
				"--regions is %d×%d pixels but the input is %d×%d: give a label image of the input's size",
				regionMasks.get(0).width(), regionMasks.get(0).height(), width,
				height));
		return regionMasks;
	}

	private int file(Path in, Path out) throws IOException {
		ImagePlus imp = ImageFiles.open(in);
		if (imp.getStackSize() > 1 && !ImageFiles.format(out).equals("tiff"))
			throw new IllegalArgumentException(in + " has " + imp.getStackSize() +
				" slices: name the output *.tif to get a stack");
		try {
			write(imp, out);
		}
		catch (FileAlreadyExistsException e) {
			throw new IOException(out +
				" appeared while the image was being stylized; it was kept. Run again with another --output.");
		}
		System.err.println("Wrote " + out);
		return ExitCodes.OK;
	}

	private void write(ImagePlus imp, Path out) throws IOException {
		ImageStack stack = imp.getStack();
		regionMasks(imp.getWidth(), imp.getHeight());
		if (stack.getSize() == 1) {
			ImageFiles.write(stylize(imp.getProcessor()), imp.getWidth(), imp
				.getHeight(), out, run.overwrite);
			return;
		}
		// Each slice goes to the file as it is done, not kept; the stack appears
		// under its name once complete.
		TemporalBlend blend = temporalSmoothing == null ? null : new TemporalBlend(
			temporalSmoothing);
		try (TiffStackWriter writer = new TiffStackWriter(out.toAbsolutePath(),
			stack.getWidth(), stack.getHeight()))
		{
			for (int i = 1; i <= stack.getSize(); i++) {
				String label = stack.getSliceLabel(i);
				// Read before stylizing: the result is made in the pixels read.
				RgbImage content = blend == null ? null : ImageFiles.toRgb(stack
					.getProcessor(i));
				int[] rgb = stylize(stack.getProcessor(i));
				if (blend != null) rgb = ImageFiles.packed(blend.next(content,
					ImageFiles.toRgb(new ColorProcessor(stack.getWidth(), stack
						.getHeight(), rgb))));
				writer.append(rgb, label == null ? "slice " + i : label);
				System.err.printf(Locale.ROOT, "slice %d of %d%n", i, stack.getSize());
				if (stopRequested() && i < stack.getSize()) {
					System.err.printf(Locale.ROOT,
						"Stopped after slice %d of %d: the stack holds the slices done.%n",
						i, stack.getSize());
					break;
				}
			}
			writer.publish(run.overwrite);
		}
		if (blend != null) System.err.println(out.getFileName() + ": " + blend
			.flicker().summary());
	}

	private boolean stopRequested() {
		return interruption != null && interruption.requested();
	}

	/**
	 * The stylized image as packed RGB, made in the pixels of the RGB image read
	 * (a converted copy for other types): 4 bytes a pixel instead of float copies
	 * of input and result.
	 */
	private int[] stylize(ImageProcessor ip) {
		int[] rgb = (int[]) (ip instanceof ColorProcessor ? ip : ip
			.convertToColorProcessor()).getPixels();
		if (regions == null && strength == 1) {
			stylizers.get(0).stylize(ip.getWidth(), ip.getHeight(), rgb, rgb, (done,
				total) -> {});
			return rgb;
		}
		// Blending needs the input as it was.
		int[] content = rgb.clone();
		if (regions == null) {
			stylizers.get(0).stylize(ip.getWidth(), ip.getHeight(), content, rgb, (
				done, total) -> {});
			Blending.withContent(content, rgb, strength);
			return rgb;
		}
		List<int[]> styled = new ArrayList<>();
		for (FastStylizer stylizer : stylizers) {
			int[] out = new int[content.length];
			stylizer.stylize(ip.getWidth(), ip.getHeight(), content, out, (done,
				total) -> {});
			styled.add(out);
		}
		return Blending.regions(content, styled, regionMasks, strength, feather);
	}

	/**
	 * Every image of the folder; files already done are skipped, failures
	 * reported and passed over.
	 */
	private int folder() throws IOException {
		Files.createDirectories(output);
		List<Path> files;
		try (Stream<Path> list = Files.list(input)) {
			files = list.filter(Files::isRegularFile).filter(FastCommand::isImage)
				.sorted().toList();
		}
		if (files.isEmpty()) throw new IOException(
			"No image files (.tif, .png, .jpg, .gif, .bmp) in " + input);
		int failed = 0, skipped = 0, done = 0;
		try (RunProgress bar = RunProgress.start("images", files.size())) {
			for (Path f : files) {
				if (stopRequested()) {
					System.err.printf(Locale.ROOT,
						"Stopped: %d of %d images done; run again to do the rest.%n", done,
						files.size());
					break;
				}
				bar.update(done++, f.getFileName().toString());
				Path out = output.resolve(outputName(f, false));
				// An animated GIF becomes a TIFF stack; done already if either result
				// is there.
				Path stackOut = output.resolve(outputName(f, true));
				if ((Files.exists(out) || Files.exists(stackOut)) && !run.overwrite) {
					skipped++;
					continue;
				}
				try {
					ImagePlus imp = ImageFiles.open(f);
					Path target = imp.getStackSize() > 1 ? stackOut : out;
					write(imp, target);
					System.err.println("Wrote " + target);
				}
				catch (FileAlreadyExistsException e) {
					// Another run made it meanwhile: kept, and this one counts as done.
					skipped++;
					System.err.println("kept: " + e.getFile() +
						" appeared during the run");
				}
				catch (IOException | RuntimeException e) {
					failed++;
					System.err.println("failed: " + f + ": " + e.getMessage());
				}
			}
		}
		System.err.printf(Locale.ROOT,
			"%d images, %d skipped (already done), %d failed%n", files.size(),
			skipped, failed);
		return failed == 0 ? ExitCodes.OK : ExitCodes.ERROR;
	}

	private static boolean isImage(Path p) {
		String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.matches(".*\\.(tif|tiff|png|jpg|jpeg|gif|bmp)$") && !n.startsWith(
			".");
	}

	/**
	 * Same name; formats that cannot be written (GIF, BMP) become PNG, or TIFF
	 * for a stack (an animated GIF), which folder mode gives no other way to
	 * name.
	 */
	static String outputName(Path f, boolean stack) {
		String n = f.getFileName().toString();
		String lower = n.toLowerCase(Locale.ROOT);
		String stem = n.substring(0, n.lastIndexOf('.'));
		if (stack) return lower.endsWith(".tif") || lower.endsWith(".tiff") ? n
			: stem + ".tif";
		return lower.endsWith(".gif") || lower.endsWith(".bmp") ? stem + ".png" : n;
	}
}
