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
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ai.djl.ndarray.types.Shape;

import org.neuralstyle.image.RgbImage;

/**
 * The batches of a training, each loaded while the step before it runs.
 * Decoding and resizing four pictures takes about 0.3 s here: little next to a
 * step on the CPU, but as long as a whole step on a GPU. One background thread
 * does all the reading, so the pictures are read in step order and
 * {@link TrainingImages} is used from one thread only.
 */
final class BatchLoader implements AutoCloseable {

	/**
	 * The pixels of one step, N×3×S×S in 0..255 as the network takes them, and
	 * what went wrong reading them (for the listener, on the training thread).
	 */
	record Batch(int step, float[] pixels, Shape shape, List<String> warnings) {
	}

	private final TrainingImages images;
	private final FastTrainingSettings settings;
	private final int steps;
	private final EpochOrder order;
	private final ExecutorService reader = Executors.newSingleThreadExecutor(
		runnable -> {
			Thread thread = new Thread(runnable, "training pictures");
			thread.setDaemon(true);
			return thread;
		});
	private CompletableFuture<Batch> next;
	private int nextStep = -1;

	/** Batches for steps up to {@code steps} (exclusive, 0-based). */
	BatchLoader(TrainingImages images, FastTrainingSettings settings, int steps) {
		this.images = images;
		this.settings = settings;
		this.steps = steps;
		this.order = new EpochOrder(images.size(), settings.seed);
	}

	/**
	 * The batch of {@code step} (0-based), and the loading of the next one begun.
	 * Waits for the pictures without giving up on an interrupt, which is left for
	 * the caller to see.
	 */
	Batch get(int step) throws IOException {
		CompletableFuture<Batch> wanted = next != null && nextStep == step ? next
			: load(step);
		next = step + 1 < steps ? load(step + 1) : null;
		nextStep = step + 1;
		try {
			return wanted.join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
			throw e;
		}
	}

	private CompletableFuture<Batch> load(int step) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return read(step);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}, reader);
	}

	/**
	 * The step's slice of its epoch's order (the last slice of an epoch may be
	 * smaller); an unreadable picture is replaced by the next readable one in
	 * that order.
	 */
	private Batch read(int step) throws IOException {
		int n = images.size();
		int perEpoch = settings.batchesPerEpoch(n);
		int[] epoch = order.order(step / perEpoch);
		int start = (step % perEpoch) * settings.batchSize;
		int wanted = Math.min(settings.batchSize, n - start);
		List<String> warnings = new ArrayList<>();
		FastTrainingListener collector = new FastTrainingListener() {

			@Override
			public void warning(String message) {
				warnings.add(message);
			}
		};
		int size = settings.imageSize;
		int plane = 3 * size * size;
		float[] pixels = new float[wanted * plane];
		int count = 0;
		for (int k = 0; k < n && count < wanted; k++) {
			RgbImage image = images.square(epoch[(start + k) % n], size, collector);
			if (image == null) continue;
			float[] planes = image.planes();
			// torchvision's ToTensor().mul(255): the network works in 0..255.
			for (int j = 0; j < plane; j++)
				pixels[count * plane + j] = planes[j] * 255f;
			count++;
		}
		if (count == 0) throw new IOException("None of the " + n + " images in " +
			images.folder() +
			" could be read. Give a folder of TIFF, PNG, JPEG, GIF or BMP pictures.");
		if (count < wanted) pixels = Arrays.copyOf(pixels, count * plane);
		return new Batch(step, pixels, new Shape(count, 3, size, size), warnings);
	}

	@Override
	public void close() {
		reader.shutdownNow();
	}
}
