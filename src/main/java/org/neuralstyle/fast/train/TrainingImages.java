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

package org.neuralstyle.fast.train;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.neuralstyle.image.Resampling;
import org.neuralstyle.image.RgbImage;

/**
 * The pictures a fast model learns from: every image file in a folder and its
 * subfolders (COCO's train2014 is the usual choice), read one batch at a time
 * and brought to a square of the training size as pytorch/examples does (scaled
 * so the short side fits, centre cropped). A file that cannot be read is
 * reported once and left out from then on.
 */
public final class TrainingImages {

	/**
	 * Turns an image file into RGB; the caller decides which library reads it.
	 */
	@FunctionalInterface
	public interface Reader {

		RgbImage read(Path file) throws IOException;
	}

	/** File name endings of the images looked for, in lower case. */
	public static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png",
		".tif", ".tiff", ".bmp", ".gif");

	private final Path folder;
	private final List<Path> files;
	private final Reader reader;
	private final Set<Path> unreadable = new HashSet<>();

	private TrainingImages(Path folder, List<Path> files, Reader reader) {
		this.folder = folder;
		this.files = files;
		this.reader = reader;
	}

	/**
	 * The image files under {@code folder}, in a fixed order (by path) so that a
	 * seed always gives the same batches. Hidden files and folders (such as
	 * macOS's {@code ._name.jpg}) are left out.
	 *
	 * @throws IOException if the folder does not exist or holds no image file
	 */
	public static TrainingImages in(Path folder, Reader reader)
		throws IOException
	{
		if (!Files.isDirectory(folder)) throw new IOException(
			"The training image folder " + folder + (Files.exists(folder)
				? " is a file, not a folder" : " does not exist") +
				". Give a folder of pictures, such as COCO's train2014.");
		List<Path> files = new ArrayList<>();
		// Links are followed (COCO's folder is often a link to a data disk); a loop
		// is walked once.
		Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS),
			Integer.MAX_VALUE, new SimpleFileVisitor<>()
			{

				@Override
				public FileVisitResult preVisitDirectory(Path dir,
					BasicFileAttributes attributes)
			{
					boolean hidden = !dir.equals(folder) && dir.getFileName().toString()
						.startsWith(".");
					return hidden ? FileVisitResult.SKIP_SUBTREE
						: FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file,
					BasicFileAttributes attributes)
			{
					if (attributes.isRegularFile() && isImageName(file)) files.add(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException e) {
					// A loop, or a folder or link that cannot be read: its pictures are
					// not there to train on.
					return FileVisitResult.CONTINUE;
				}
			});
		Collections.sort(files);
		if (files.isEmpty()) throw new IOException("No images in " + folder +
			" or its subfolders (looked for " + String.join(", ", EXTENSIONS) +
			" files). Give a folder of pictures, such as COCO's train2014.");
		return new TrainingImages(folder, files, reader);
	}

	private static boolean isImageName(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(
			name::endsWith);
	}

	public Path folder() {
		return folder;
	}

	/** The image files, in training order before shuffling. */
	public List<Path> files() {
		return files;
	}

	public int size() {
		return files.size();
	}

	/** Files found unreadable so far. */
	public Set<Path> unreadable() {
		return Collections.unmodifiableSet(unreadable);
	}

	/**
	 * Image {@code index} as a {@code size}×{@code size} square, or null if it
	 * cannot be read (the reason goes to {@code warnings} the first time).
	 */
	RgbImage square(int index, int size, FastTrainingListener warnings) {
		Path file = files.get(index);
		if (unreadable.contains(file)) return null;
		RgbImage image;
		try {
			image = reader.read(file);
		}
		catch (IOException | RuntimeException e) {
			unreadable.add(file);
			warnings.warning("Skipped " + file + ": " + (e.getMessage() != null ? e
				.getMessage() : e.toString()));
			return null;
		}
		return squareCrop(image, size);
	}

	/**
	 * torchvision's {@code Resize(size)} then {@code CenterCrop(size)}: the
	 * centred square of the short side, scaled to {@code size}. Cropping first
	 * scales fewer pixels for the same result.
	 */
	static RgbImage squareCrop(RgbImage image, int size) {
		int side = Math.min(image.width(), image.height());
		int left = (image.width() - side) / 2, top = (image.height() - side) / 2;
		RgbImage square = image;
		if (side != image.width() || side != image.height()) {
			float[] in = image.planes();
			float[] out = new float[3 * side * side];
			for (int c = 0; c < 3; c++)
				for (int y = 0; y < side; y++)
					System.arraycopy(in, (c * image.height() + top + y) * image.width() +
						left, out, (c * side + y) * side, side);
			square = new RgbImage(side, side, out);
		}
		return Resampling.resize(square, size, size);
	}
}
