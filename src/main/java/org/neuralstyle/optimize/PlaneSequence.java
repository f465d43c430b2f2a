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

package org.neuralstyle.optimize;

import java.io.IOException;
import java.util.List;

import org.neuralstyle.flow.Alignment;
import org.neuralstyle.flow.Flicker;
import org.neuralstyle.image.RgbImage;

/**
 * The planes of a stack or time-lapse stylized in order, along t or z. With a
 * positive {@link StyleTransferSettings#temporalWeight} each plane after the
 * first starts from the previous result warped onto it by the motion between
 * the content planes (optical flow), and the temporal loss of Ruder et al.
 * (2016) ties it there except at disocclusions; with 0 each plane is stylized
 * on its own, as a single image would be. Either way the flicker of the results
 * is measured pair by pair ({@link #flicker()}).
 */
public final class PlaneSequence {

	private final GatysStylizer stylizer;
	private final List<GatysStylizer.Style> styles;
	private final StyleTransferSettings settings;
	private final Flicker flicker = new Flicker();
	private RgbImage previousContent;
	private RgbImage previousResult;

	public PlaneSequence(GatysStylizer stylizer, List<GatysStylizer.Style> styles,
		StyleTransferSettings settings)
	{
		this.stylizer = stylizer;
		this.styles = styles;
		this.settings = settings;
	}

	/** Stylizes the next plane of the sequence. */
	public StylizationResult next(RgbImage content, StylizationListener listener)
		throws IOException
	{
		return next(content, List.of(), listener);
	}

	/**
	 * Stylizes the next plane with a style per region (the sequence's styles are
	 * then empty); the temporal loss ties the whole image to the previous result
	 * as without regions.
	 */
	public StylizationResult next(RgbImage content,
		List<GatysStylizer.Region> regions, StylizationListener listener)
		throws IOException
	{
		RgbImage work = GatysStylizer.workingContent(content, settings.maxSize);
		Alignment alignment = previousContent != null && previousContent
			.width() == work.width() && previousContent.height() == work.height()
				? Alignment.between(previousContent, work) : null;
		TemporalPrior prior = alignment != null && settings.temporalWeight > 0
			? new TemporalPrior(alignment.warp(previousResult), alignment.weights(),
				settings.temporalWeight) : null;
		StylizationResult r = stylizer.run(content, styles, regions, settings,
			listener, prior);
		if (alignment != null) flicker.add(alignment, previousResult, r.image(),
			previousContent, work);
		previousContent = work;
		previousResult = r.image();
		return r;
	}

	/**
	 * Starts another sequence (the next z of a time-lapse): the next plane has no
	 * predecessor. The flicker goes on accumulating over all sequences.
	 */
	public void restart() {
		previousContent = null;
		previousResult = null;
	}

	/** The flicker of the results so far. */
	public Flicker flicker() {
		return flicker;
	}
}
