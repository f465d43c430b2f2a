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

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.neuralstyle.loss.TemporalLoss;
import org.neuralstyle.tensor.Scalars;

/**
 * An image loss with the weighted temporal loss added: the plane's other terms
 * (whole or tiled) come from the loss it wraps, the temporal term is a function
 * of the pixels alone and is added to their total and gradient.
 */
final class TemporalTerm implements ImageLoss {

	private final ImageLoss inner;
	private final TemporalLoss loss;
	private final float weight;
	private final Shape shape;

	/**
	 * {@code target} (1×3×H×W) and {@code weights} (1×1×H×W) belong to the
	 * caller's manager and outlive this loss.
	 */
	TemporalTerm(ImageLoss inner, NDArray target, NDArray weights,
		double weight)
	{
		this.inner = inner;
		this.loss = new TemporalLoss(target, weights);
		this.weight = (float) weight;
		this.shape = target.getShape();
	}

	@Override
	public LossValues losses(NDArray x) {
		LossValues rest = inner.losses(x);
		try (NDManager scope = x.getManager().newSubManager()) {
			x.tempAttach(scope);
			return rest.withTemporal(Scalars.times(loss.of(x.reshape(shape)), weight)
				.getFloat());
		}
	}

	@Override
	public GatysStylizer.Graded gradient(NDArray x) {
		GatysStylizer.Graded rest = inner.gradient(x);
		NDManager home = x.getManager();
		try (NDManager scope = home.newSubManager()) {
			x.tempAttach(scope);
			NDArray image = x.reshape(shape).duplicate();
			image.setRequiresGradient(true);
			try (GradientCollector collector = Engine.getInstance()
				.newGradientCollector())
			{
				NDArray value = Scalars.times(loss.of(image), weight);
				collector.backward(value);
				rest.gradient().addi(image.getGradient().reshape(x.getShape()));
				return new GatysStylizer.Graded(rest.losses().withTemporal(value
					.getFloat()), rest.gradient());
			}
		}
	}

	/** The wrapped loss is this one's: it closes with it. */
	@Override
	public void close() {
		inner.close();
	}
}
