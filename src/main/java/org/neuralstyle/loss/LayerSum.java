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
 * One kind of loss summed over layers with a weight each, Σ w_l · loss_l(F_l): how style transfer
 * takes content over its content layers and style over its style layers (as crowsonkb's
 * style_transfer.py composes {@code Scale(LayerApply(StyleLoss(target), layer), weight)}).
 */
public final class LayerSum {

	/** One layer's loss and its weight. */
	public record Term(String layer, float weight, FeatureLoss loss) {}

	private final List<Term> terms = new ArrayList<>();

	public LayerSum add(String layer, float weight, FeatureLoss loss) {
		terms.add(new Term(layer, weight, loss));
		return this;
	}

	/** The layers whose feature maps {@link #of} needs, in order. */
	public Set<String> layers() {
		Set<String> layers = new LinkedHashSet<>();
		for (Term t : terms) layers.add(t.layer());
		return Collections.unmodifiableSet(layers);
	}

	public boolean isEmpty() {
		return terms.isEmpty();
	}

	/**
	 * The weighted sum for these feature maps (by layer), a scalar in their gradient graph; 0 in
	 * their scope when there are no terms (no style image, say).
	 */
	public NDArray of(Map<String, NDArray> features) {
		NDArray total = null;
		for (Term t : terms) {
			NDArray term = Scalars.times(t.loss().of(features.get(t.layer())), t.weight());
			total = total == null ? term : total.add(term);
		}
		if (total != null) return total;
		NDArray any = features.values().iterator().next();
		return Scalars.of(any.getManager(), 0f, any);
	}
}
