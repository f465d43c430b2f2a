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

package org.neuralstyle.fast;

import java.util.HashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.neuralstyle.tensor.Scalars;

/**
 * The InstanceNorm statistics of a whole image, gathered tile by tile. Layer
 * after layer, every tile runs up to the layer being measured; the per-channel
 * mean and sum of squared deviations of the layer's input over the tile's core
 * are merged into the whole image's (Chan et al.'s pairwise update, in double),
 * and the run stops there. Once every tile is in, the layer is fixed: deeper
 * runs normalize it by the whole image's mean and biased variance, exactly the
 * values InstanceNorm computes when it sees the whole image at once.
 */
final class WholeImageStatistics implements InstanceStatistics {

	/**
	 * Ends a tile's run at the layer being measured: nothing deeper is needed
	 * until the layer's statistics are complete, and the work saved is most of
	 * the run. Thrown without a stack trace, as control flow.
	 */
	static final class LayerMeasured extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private LayerMeasured() {
			super(null, null, false, false);
		}
	}

	private static final LayerMeasured MEASURED = new LayerMeasured();

	/** Per-channel mean and biased variance of the fixed layers. */
	private final Map<String, float[][]> fixed = new HashMap<>();
	private String measuring;
	private long count;
	private double[] mean;
	private double[] squares;
	/** The current tile's core in cells of the window, end exclusive. */
	private int top, bottom, left, right;

	/** Starts measuring {@code layer}; the layers before it must be fixed. */
	void measure(String layer) {
		measuring = layer;
		count = 0;
		mean = null;
		squares = null;
	}

	/**
	 * The core of the tile about to run, in 4-pixel cells from the top left of
	 * the tile's window, end exclusive.
	 */
	void core(int coreTop, int coreBottom, int coreLeft, int coreRight) {
		top = coreTop;
		bottom = coreBottom;
		left = coreLeft;
		right = coreRight;
	}

	/** Ends measuring: from now on the layer is normalized as measured. */
	void fix() {
		if (count == 0) throw new IllegalStateException("No tile reached layer " +
			measuring);
		float[] m = new float[mean.length];
		float[] variance = new float[mean.length];
		for (int c = 0; c < m.length; c++) {
			m[c] = (float) mean[c];
			variance[c] = (float) (squares[c] / count);
		}
		fixed.put(measuring, new float[][] { m, variance });
		measuring = null;
	}

	@Override
	public NDArray normalize(String layer, NDArray x, NDArray gamma,
		NDArray beta)
	{
		float[][] meanVariance = fixed.get(layer);
		if (meanVariance != null) {
			NDManager manager = x.getManager();
			Shape channels = new Shape(meanVariance[0].length);
			return InstanceStatistics.fixedNormalization(x, manager.create(
				meanVariance[0], channels), manager.create(meanVariance[1], channels),
				gamma, beta);
		}
		if (!layer.equals(measuring)) throw new IllegalStateException("Layer " +
			layer + " reached before its statistics were measured");
		add(x, cellSide(layer));
		throw MEASURED;
	}

	/**
	 * Merges the moments of {@code x} (1×C×H×W) over the core into the whole
	 * image's.
	 */
	private void add(NDArray x, int cellSide) {
		long rows = x.getShape().get(2);
		long columns = x.getShape().get(3);
		// A tile at the bottom or right edge ends where the layer ends: the image
		// side itself, or the network's rounding up of it in the upsampling layers,
		// which InstanceNorm counts too.
		long y0 = (long) top * cellSide, y1 = Math.min((long) bottom * cellSide,
			rows);
		long x0 = (long) left * cellSide, x1 = Math.min((long) right * cellSide,
			columns);
		long n = (y1 - y0) * (x1 - x0);
		double[] tileMean, tileSquares;
		// On a view of the core, with one temporary the size of the core: a tile of
		// a large image holds hundreds of MB at full size.
		try (NDArray core = x.get(":, :, {}:{}, {}:{}", y0, y1, x0, x1);
				NDArray sum = core.sum(new int[] { 2, 3 }, true);
				NDArray m = Scalars.dividedBy(sum, (float) n);
				NDArray deviation = core.sub(m))
		{
			tileMean = toDoubles(m.toFloatArray());
			deviation.muli(deviation);
			try (NDArray squares = deviation.sum(new int[] { 2, 3 })) {
				tileSquares = toDoubles(squares.toFloatArray());
			}
		}
		if (mean == null) {
			mean = tileMean;
			squares = tileSquares;
			count = n;
			return;
		}
		long total = count + n;
		for (int c = 0; c < mean.length; c++) {
			double delta = tileMean[c] - mean[c];
			mean[c] += delta * n / total;
			squares[c] += tileSquares[c] + delta * delta * count * n / total;
		}
		count = total;
	}

	private static double[] toDoubles(float[] values) {
		double[] d = new double[values.length];
		for (int i = 0; i < d.length; i++)
			d[i] = values[i];
		return d;
	}

	/**
	 * Side of a 4-pixel image cell in the layer's own positions: the InstanceNorm
	 * layers work at full (in1, in5), half (in2, in4) or quarter size (in3 and
	 * the residual blocks).
	 */
	static int cellSide(String layer) {
		switch (layer) {
			case "in1":
			case "in5":
				return 4;
			case "in2":
			case "in4":
				return 2;
			default:
				return 1;
		}
	}
}
