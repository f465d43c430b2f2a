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

package org.neuralstyle.imagej.progress;

import ij.gui.Plot;
import java.awt.Color;
import java.util.Arrays;
import org.neuralstyle.fast.train.TrainingStep;

/**
 * The losses of a training as a live plot: content, style and total per step on
 * a logarithmic axis (they span orders of magnitude), redrawn at most once a
 * second so that a fast training does not spend its time drawing. The window
 * opens with the first step.
 */
public final class LossPlot {

	private final Throttle redraw = new Throttle(1000);
	private static final String[] CURVES = { "total", "content", "style" };
	private static final Color[] COLOURS = { Color.BLACK, new Color(0x1f77b4),
		new Color(0xd62728) };

	private final String title;
	private double[] steps = new double[256];
	private final double[][] losses = new double[3][256];
	private int count;
	private Plot plot;

	public LossPlot(String title) {
		this.title = title;
	}

	void add(TrainingStep step) {
		if (count == steps.length) {
			steps = Arrays.copyOf(steps, 2 * count);
			for (int i = 0; i < losses.length; i++)
				losses[i] = Arrays.copyOf(losses[i], 2 * count);
		}
		steps[count] = step.step();
		losses[0][count] = step.total();
		losses[1][count] = step.content();
		losses[2][count] = step.style();
		count++;
		if (redraw.due(plot == null || step.step() == step.steps())) draw();
	}

	private void draw() {
		double[] x = Arrays.copyOf(steps, count);
		if (plot == null) {
			plot = new Plot(title, "step", "loss");
			plot.setAxisYLog(true);
			for (int i = 0; i < CURVES.length; i++) {
				plot.setColor(COLOURS[i]);
				plot.add("line", x, positive(losses[i]));
			}
			plot.setLegend(String.join("\t", CURVES), Plot.AUTO_POSITION);
			plot.show();
			return;
		}
		for (int i = 0; i < CURVES.length; i++) {
			// replace() draws in the current colour and drops the legend: both are
			// set again.
			plot.setColor(COLOURS[i]);
			plot.replace(i, "line", x, positive(losses[i]));
		}
		plot.setLegend(String.join("\t", CURVES), Plot.AUTO_POSITION);
		plot.setLimitsToFit(true);
	}

	/**
	 * A log axis cannot show 0 (a term whose weight is 0): such points become
	 * NaN, which Plot leaves out.
	 */
	private double[] positive(double[] values) {
		double[] y = Arrays.copyOf(values, count);
		for (int i = 0; i < y.length; i++)
			if (!(y[i] > 0)) y[i] = Double.NaN;
		return y;
	}

	/** The plot as drawn so far (null before the first step). */
	Plot plot() {
		return plot;
	}
}
