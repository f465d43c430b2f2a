package org.neuralstyle.cli;

import ai.djl.Device;
import ij.ImagePlus;
import ij.ImageStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.neuralstyle.fast.FastModelLibrary;
import org.neuralstyle.fast.FastStylizer;
import org.neuralstyle.fast.TransformerNet;
import org.neuralstyle.weights.PretrainedWeights;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.net.Devices;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fast}: stylizes with a feed-forward model (Johnson et al.), one pass per image. An image
 * file gives an image file, a multi-slice TIFF a TIFF stack, a folder a folder.
 */
@Command(name = "fast", sortOptions = false, mixinStandardHelpOptions = true,
	description = "Stylize with a fast (feed-forward) style model: one image, every slice of a stack, or every image of a folder.")
final class FastCommand implements Callable<Integer> {

	@Option(names = "--model", required = true, paramLabel = "NAME|FILE",
		description = "candy, mosaic, rain_princess, udnie (fetched on first use), a model you trained, or a .pth/.safetensors file.")
	String model;

	@Option(names = "--input", required = true, paramLabel = "IN", description = "Image file, multi-slice TIFF, or folder of images.")
	Path input;

	@Option(names = "--output", required = true, paramLabel = "OUT", description = "Image file (or TIFF stack), or folder for a folder input.")
	Path output;

	@Option(names = "--tile", defaultValue = "" + FastStylizer.DEFAULT_TILE_SIZE, paramLabel = "N",
		description = "Largest tile side: larger images are stylized in overlapping tiles, in bounded memory (default: ${DEFAULT-VALUE}).")
	int tile;

	@Option(names = "--device", defaultValue = Devices.AUTO, paramLabel = "auto|cpu|gpu", description = "Default: ${DEFAULT-VALUE}.")
	String device;

	@Option(names = "--overwrite", description = "Replace existing output files.")
	boolean overwrite;

	@Override
	public Integer call() throws Exception {
		if (!Files.exists(input)) throw new IOException("Input not found: " + input);
		boolean folder = Files.isDirectory(input);
		if (folder) {
			if (Files.exists(output) && !Files.isDirectory(output)) throw new IllegalArgumentException(
				"The input is a folder, so the output must be a folder too: " + output + " is a file");
		}
		else ImageFiles.checkWritable(output, overwrite, false);
		Device dev = Devices.parse(device);
		Path modelFile = FastModelLibrary.standard().obtain(model,
			PretrainedWeights.standard(PretrainedWeights.Consent.ALWAYS, new ConsoleProgress(model, System.err)));
		try (TransformerNet net = TransformerNet.load(modelFile, dev)) {
			FastStylizer stylizer = new FastStylizer(net, tile, Math.min(FastStylizer.DEFAULT_OVERLAP, tile / 4),
				FastStylizer.Normalization.WHOLE_IMAGE);
			return folder ? folder(stylizer) : file(stylizer, input, output);
		}
	}

	private int file(FastStylizer stylizer, Path in, Path out) throws IOException {
		ImagePlus imp = ImageFiles.open(in);
		ImageStack stack = imp.getStack();
		if (stack.getSize() == 1) {
			ImageFiles.write(stylizer.stylize(ImageFiles.toRgb(imp.getProcessor())), out);
		}
		else {
			if (!ImageFiles.format(out).equals("tiff")) throw new IllegalArgumentException(
				in + " has " + stack.getSize() + " slices: name the output *.tif to get a stack");
			List<RgbImage> slices = new ArrayList<>();
			List<String> labels = new ArrayList<>();
			try (RunProgress bar = RunProgress.start("slices", stack.getSize())) {
				for (int i = 1; i <= stack.getSize(); i++) {
					slices.add(stylizer.stylize(ImageFiles.toRgb(stack.getProcessor(i))));
					String label = stack.getSliceLabel(i);
					labels.add(label == null ? "slice " + i : label);
					bar.update(i, "");
					if (!bar.isBar()) System.err.printf(Locale.ROOT, "slice %d of %d%n", i, stack.getSize());
				}
			}
			ImageFiles.writeStack(slices, labels, out);
		}
		System.err.println("Wrote " + out);
		return ExitCodes.OK;
	}

	/** Every image of the folder; files already done are skipped, failures reported and passed over. */
	private int folder(FastStylizer stylizer) throws IOException {
		Files.createDirectories(output);
		List<Path> files;
		try (Stream<Path> list = Files.list(input)) {
			files = list.filter(Files::isRegularFile).filter(FastCommand::isImage).sorted().toList();
		}
		if (files.isEmpty()) throw new IOException("No image files (.tif, .png, .jpg, .gif, .bmp) in " + input);
		int failed = 0, skipped = 0, done = 0;
		try (RunProgress bar = RunProgress.start("images", files.size())) {
			for (Path f : files) {
				bar.update(done++, f.getFileName().toString());
				Path out = output.resolve(outputName(f));
				if (Files.exists(out) && !overwrite) {
					skipped++;
					continue;
				}
				try {
					file(stylizer, f, out);
				}
				catch (IOException | RuntimeException e) {
					failed++;
					System.err.println("failed: " + f + ": " + e.getMessage());
				}
			}
			bar.update(done, "");
		}
		System.err.printf(Locale.ROOT, "%d images, %d skipped (already done), %d failed%n", files.size(), skipped, failed);
		return failed == 0 ? ExitCodes.OK : ExitCodes.ERROR;
	}

	private static boolean isImage(Path p) {
		String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.matches(".*\\.(tif|tiff|png|jpg|jpeg|gif|bmp)$") && !n.startsWith(".");
	}

	/** Same name; formats ImageJ cannot write (GIF, BMP) become PNG. */
	private static String outputName(Path f) {
		String n = f.getFileName().toString();
		String lower = n.toLowerCase(Locale.ROOT);
		return lower.endsWith(".gif") || lower.endsWith(".bmp") ? n.substring(0, n.lastIndexOf('.')) + ".png" : n;
	}
}
