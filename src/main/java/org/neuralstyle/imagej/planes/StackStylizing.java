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

package org.neuralstyle.imagej.planes;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.neuralstyle.image.Resampling;
import org.neuralstyle.image.RgbImage;

/**
 * Runs a stylizer over an image the way a Fiji command should: on the plane on
 * display or on every plane, inside the selection only, into a new image of the
 * input's kind (see {@link ImagePlanes}), leaving the input untouched,
 * reporting plane by plane and stopping cleanly when cancelled.
 */
public final class StackStylizing {

	/**
	 * Property of the result that lists the planes left unstylized after a
	 * cancel.
	 */
	public static final String UNSTYLIZED_PROPERTY = "StyleTransfer.Unstylized";

	private StackStylizing() {}

	/**
	 * Stylizes {@code input} and returns the new image (not shown). After a
	 * cancel the result still has every plane asked for: the ones not reached are
	 * the input's plane, listed in the result's Info and in
	 * {@link #UNSTYLIZED_PROPERTY}. Exceptions of the stylizer other than
	 * {@link CancellationException} end the run and reach the caller unchanged.
	 */
	public static StylizingResult run(ImagePlus input, Scope scope,
		PlaneStylizer stylizer, ProgressReporter progress) throws Exception
	{
		return run(input, scope, null, stylizer, progress);
	}

	/**
	 * As {@link #run(ImagePlus, Scope, PlaneStylizer, ProgressReporter)}, with
	 * every plane taken in sequences along {@code axis} (null: in stack order, as
	 * one sequence): {@link PlaneStylizer#sequenceStarted()} is called before the
	 * first plane of each, so that each plane can be tied to the one before it.
	 */
	public static StylizingResult run(ImagePlus input, Scope scope,
		SequenceAxis axis, PlaneStylizer stylizer, ProgressReporter progress)
		throws Exception
	{
		ImagePlanes planes = ImagePlanes.of(input);
		PlaneCodec codec = planes.codec();
		SelectionRegion region = SelectionRegion.of(input.getRoi(), input
			.getWidth(), input.getHeight());
		int[] indices = scope == Scope.ALL_PLANES ? allPlanes(planes.count())
			: new int[] { planes.current() };
		// The order the planes are stylized in, as positions in indices (with
		// every plane, a position is the plane's index), sequence by sequence.
		int[][] sequences = scope == Scope.ALL_PLANES && axis != null ? planes
			.sequences(axis) : new int[][] { allPlanes(indices.length) };
		ImageProcessor[] results = new ImageProcessor[indices.length];
		List<String> unstylized = new ArrayList<>();
		int stylized = 0, done = 0;
		boolean stopped = false;
		for (int[] sequence : sequences) {
			if (!stopped) stylizer.sequenceStarted();
			for (int k : sequence) {
				int left = unstylized.size();
				stopped = stylizeInto(results, k, done++, indices, planes, codec,
					region, stylizer, progress, stopped, unstylized);
				if (unstylized.size() == left) stylized++;
			}
		}
		progress.finished(stylized, indices.length);
		ImagePlus image = planes.assemble(resultTitle(input.getTitle()), indices,
			results);
		if (!unstylized.isEmpty()) noteUnstylized(image, unstylized,
			indices.length);
		return new StylizingResult(image, stylized, indices.length, unstylized);
	}

	/**
	 * Stylizes the plane at position {@code k} of {@code indices} into
	 * {@code results}, the {@code done}-th plane of the run, or keeps the
	 * original (listed in {@code unstylized}) once stopped; returns whether the
	 * run is stopped.
	 */
	private static boolean stylizeInto(ImageProcessor[] results, int k, int done,
		int[] indices, ImagePlanes planes, PlaneCodec codec, SelectionRegion region,
		PlaneStylizer stylizer, ProgressReporter progress, boolean stopped,
		List<String> unstylized) throws Exception
	{
		ImageProcessor original = planes.plane(indices[k]);
		String where = planes.position(indices[k]);
		stopped = stopped || progress.isCancelled();
		if (!stopped) {
			progress.planeStarted(done, indices.length, where);
			try {
				results[k] = stylizePlane(original, codec, region, stylizer, progress,
					where);
			}
			catch (CancellationException e) {
				stopped = true;
			}
			stopped = stopped || progress.isCancelled();
		}
		if (results[k] == null) {
			results[k] = original;
			unstylized.add(where);
		}
		return stopped;
	}

	private static ImageProcessor stylizePlane(ImageProcessor original,
		PlaneCodec codec, SelectionRegion region, PlaneStylizer stylizer,
		ProgressReporter progress, String where) throws Exception
	{
		ImageProcessor crop = region.crop(original);
		RgbImage picture = codec.toRgb(crop);
		RgbImage styled = stylizer.stylize(picture, progress);
		if (styled == null) throw new IllegalStateException(
			"The stylizer returned no picture for " + where + ".");
		requireFinite(styled, where);
		RgbImage fitted = Resampling.resize(styled, crop.getWidth(), crop
			.getHeight());
		return region.blend(original, codec.fromRgb(fitted));
	}

	private static void requireFinite(RgbImage picture, String where) {
		for (float v : picture.planes()) {
			if (!Float.isFinite(v)) throw new IllegalStateException(
				"Stylization of " + where +
					" produced invalid pixel values (NaN or infinity); the input is unchanged. " +
					"Run again with lower weights, or with another model.");
		}
	}

	private static int[] allPlanes(int count) {
		int[] all = new int[count];
		for (int i = 0; i < count; i++)
			all[i] = i;
		return all;
	}

	/**
	 * "blobs.gif" becomes "blobs stylized": the extension no longer describes the
	 * new image.
	 */
	public static String resultTitle(String inputTitle) {
		return baseTitle(inputTitle) + " stylized";
	}

	/**
	 * An image's title without its file extension ("blobs.gif" is "blobs"), for
	 * titles of derived images.
	 */
	public static String baseTitle(String inputTitle) {
		String base = inputTitle.replaceFirst("\\.[A-Za-z][A-Za-z0-9]{0,4}$", "");
		return base.isEmpty() ? inputTitle : base;
	}

	private static void noteUnstylized(ImagePlus image, List<String> unstylized,
		int total)
	{
		String list = String.join("; ", unstylized);
		image.setProp(UNSTYLIZED_PROPERTY, list);
		String note = "Style transfer was cancelled: " + unstylized.size() +
			" of " + total +
			" planes were not stylized and show the input unchanged (" + list + ").";
		ImagePlanes.appendInfo(image, note);
	}
}
