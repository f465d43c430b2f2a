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

import java.util.Locale;

import org.neuralstyle.optim.Lbfgs;
import org.neuralstyle.optim.OptimizerKind;

/**
 * How much state the optimizer keeps, and where, for a run of a given size in
 * the memory it has. The state of both optimizers grows with the image: L-BFGS
 * keeps a history of updates, two image-sized arrays each, and Adam two moment
 * averages of the image's size. The policy:
 * <ul>
 * <li>The state may take at most half of the <em>room</em>: the device memory
 * free minus what the run holds anyway (one evaluation's working set and the
 * image-sized arrays of the loop). The other half is headroom for the allocator
 * and for the rest of the machine.</li>
 * <li>L-BFGS: the history keeps as many updates as fit in that share and in
 * {@link StyleTransferSettings#historyBudgetBytes}, at most 100 (PyTorch's
 * default) and at least {@value Lbfgs#MIN_HISTORY_CAPACITY}. A run whose
 * smallest history does not fit does not fit.</li>
 * <li>Adam: the moments stay on the device when they fit in that share; on a
 * GPU that is short they go to the host (main memory), at the cost of one
 * image-sized copy each way per iteration. On the CPU the host <em>is</em> the
 * device, so they stay where they are: moving them would only add copies.</li>
 * </ul>
 *
 * @param historyCapacity L-BFGS updates kept (0 for Adam)
 * @param momentsOnHost whether Adam's moments live on the host
 * @param deviceBytes bytes of optimizer state on the device, the parameters and
 *          their gradient included
 * @param hostBytes bytes of optimizer state on the host, when that is not the
 *          device
 */
public record OptimizerMemory(int historyCapacity, boolean momentsOnHost,
		long deviceBytes, long hostBytes) {

	/** torch.optim.LBFGS's history_size. */
	static final int HISTORY_SIZE = 100;

	/**
	 * Image-sized arrays L-BFGS holds beside its history: the parameters, their
	 * gradient, the previous gradient, the direction and the two-loop's working
	 * vector.
	 */
	static final int LBFGS_FIXED_ARRAYS = 5;

	/**
	 * Image-sized arrays Adam holds beside its moments: parameters and gradient.
	 */
	static final int ADAM_FIXED_ARRAYS = 2;

	/**
	 * The plan for optimizing {@code values} float32 numbers under {@code s}.
	 *
	 * @param deviceIsHost whether the device is the host (the CPU)
	 * @param freeBytes memory free on the device
	 * @param heldBytes what the run holds on the device besides the optimizer
	 *          state (working set, targets, the loop's image copies)
	 */
	public static OptimizerMemory plan(StyleTransferSettings s, long values,
		boolean deviceIsHost, long freeBytes, long heldBytes)
	{
		long array = 4 * values;
		long share = Math.max(0, freeBytes - heldBytes) / 2;
		if (s.optimizer == OptimizerKind.ADAM) {
			long moments = 2 * array;
			boolean host = !deviceIsHost && moments > share;
			return new OptimizerMemory(0, host, ADAM_FIXED_ARRAYS * array + (host ? 0
				: moments), host ? moments : 0);
		}
		long budget = Math.min(s.historyBudgetBytes, share);
		int capacity = Lbfgs.historyCapacity(HISTORY_SIZE, values, 4, Math.max(1,
			budget));
		return new OptimizerMemory(capacity, false, (2L * capacity +
			LBFGS_FIXED_ARRAYS) * array, 0);
	}

	/**
	 * The L-BFGS history budget in bytes that gives {@link #historyCapacity}, for
	 * {@link Lbfgs.Builder#memoryBudget}.
	 */
	public long historyBudget(long values) {
		return Math.max(1, 2L * 4 * values * historyCapacity);
	}

	/** A few words for the estimate line: the state kept and where. */
	String describe() {
		if (historyCapacity > 0) return String.format(Locale.ROOT,
			"L-BFGS history of %d updates", historyCapacity);
		return momentsOnHost ? "Adam's moments on the host"
			: "Adam's moments on the device";
	}
}
