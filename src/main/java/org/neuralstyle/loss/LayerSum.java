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

package org.neuralstyle.loss;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neuralstyle.tensor.Scalars;

/**
 * One kind of loss summed over layers with a weight each, Σ w_l · loss_l(F_l):
 * how style transfer takes content over its content layers and style over its
 * style layers (as crowsonkb's style_transfer.py composes
 * {@code Scale(LayerApply(StyleLoss(target), layer), weight)}).
 */
public final class LayerSum {

	/** One layer's loss and its weight. */
	public record Term(String layer, float weight, FeatureLoss loss) {
	}

	private final List<Term> terms = new ArrayList<>();

	public LayerSum add(String layer, float weight, FeatureLoss loss) {
		terms.add(new Term(layer, weight, loss));
		return this;
	}

	/** The layers whose feature maps {@link #of} needs, in order. */
	public Set<String> layers() {
		Set<String> layers = new LinkedHashSet<>();
		for (Term t : terms)
			layers.add(t.layer());
		return Collections.unmodifiableSet(layers);
	}

	public boolean isEmpty() {
		return terms.isEmpty();
	}

	/**
	 * The weighted sum for these feature maps (by layer), a scalar in their
	 * gradient graph; 0 in their scope when there are no terms (no style image,
	 * say).
	 */
	public NDArray of(Map<String, NDArray> features) {
		NDArray total = null;
		for (Term t : terms) {
			NDArray term = Scalars.times(t.loss().of(features.get(t.layer())), t
				.weight());
			total = total == null ? term : total.add(term);
		}
		if (total != null) return total;
		NDArray any = features.values().iterator().next();
		return Scalars.of(any.getManager(), 0f, any);
	}
}
