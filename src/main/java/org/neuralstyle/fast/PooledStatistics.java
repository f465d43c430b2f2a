package org.neuralstyle.fast;

import java.util.HashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * InstanceNorm statistics of a whole image estimated from its tiles, so that all tiles are
 * normalized alike, as the untiled network would normalize them. While gathering, each tile is
 * normalized by its own statistics and its per-layer means and mean squares are averaged,
 * weighted by the share of the image the tile stands for; after {@link #pool()} every tile is
 * normalized by those averages. Deeper layers are estimated from activations that per-tile
 * normalization shaped, so the pooled values are close to, not equal to, the untiled ones.
 */
final class PooledStatistics implements InstanceStatistics {

	private final Map<String, double[]> sums = new HashMap<>();
	private final Map<String, double[]> squareSums = new HashMap<>();
	private final Map<String, Double> weights = new HashMap<>();
	private final Map<String, float[][]> pooled = new HashMap<>();
	private double tileWeight;

	/** The share of the image the next gathered tile stands for. */
	void tileWeight(double share) {
		tileWeight = share;
	}

	/** Ends gathering: from now on every tile is normalized by the pooled values. */
	void pool() {
		for (String layer : sums.keySet()) {
			double[] sum = sums.get(layer);
			double[] squares = squareSums.get(layer);
			double weight = weights.get(layer);
			float[] mean = new float[sum.length];
			float[] variance = new float[sum.length];
			for (int c = 0; c < sum.length; c++) {
				double m = sum[c] / weight;
				mean[c] = (float) m;
				variance[c] = (float) Math.max(0, squares[c] / weight - m * m);
			}
			pooled.put(layer, new float[][] {mean, variance});
		}
	}

	@Override
	public NDArray[] of(String layer, NDArray pixels) {
		if (pixels.getShape().get(0) != 1) throw new IllegalArgumentException("Pooled statistics take one tile at a time");
		float[][] meanVariance = pooled.get(layer);
		if (meanVariance != null) {
			Shape shape = new Shape(1, meanVariance[0].length, 1);
			return new NDArray[] {
				pixels.getManager().create(meanVariance[0], shape), pixels.getManager().create(meanVariance[1], shape)};
		}
		NDArray[] own = OWN.of(layer, pixels);
		gather(layer, own[0].toFloatArray(), own[1].toFloatArray());
		return own;
	}

	private void gather(String layer, float[] mean, float[] variance) {
		double[] sum = sums.computeIfAbsent(layer, k -> new double[mean.length]);
		double[] squares = squareSums.computeIfAbsent(layer, k -> new double[mean.length]);
		for (int c = 0; c < mean.length; c++) {
			sum[c] += tileWeight * mean[c];
			squares[c] += tileWeight * (variance[c] + (double) mean[c] * mean[c]);
		}
		weights.merge(layer, tileWeight, Double::sum);
	}
}
