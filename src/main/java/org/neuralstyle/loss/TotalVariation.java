package org.neuralstyle.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Total-variation loss: mean of the squared vertical plus mean of the squared horizontal
 * differences between neighbouring pixels of a 1×3×H×W image. Penalizing it smooths away the
 * high-frequency noise the pixel optimization otherwise leaves behind.
 */
public final class TotalVariation {

	private TotalVariation() {}

	public static NDArray of(NDArray image) {
		NDArray dy = image.get(new NDIndex(":, :, 1:, :")).sub(image.get(new NDIndex(":, :, :-1, :")));
		NDArray dx = image.get(new NDIndex(":, :, :, 1:")).sub(image.get(new NDIndex(":, :, :, :-1")));
		return dy.square().mean().add(dx.square().mean());
	}
}
