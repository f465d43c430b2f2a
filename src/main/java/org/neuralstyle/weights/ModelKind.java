package org.neuralstyle.weights;

import org.neuralstyle.checkpoint.Checkpoints;

/** What a known model file is, which decides how it is checked and used. */
public enum ModelKind {
	/** A checkpoint holding an ImageNet-trained VGG network's state dict (the optimization method's feature network). */
	VGG_FEATURES("VGG feature network", true),
	/** A zip of fast-model checkpoints, unpacked before use. */
	FAST_MODEL_ARCHIVE("fast-model archive", false);

	private final String description;
	private final boolean checkpoint;

	ModelKind(String description, boolean checkpoint) {
		this.description = description;
		this.checkpoint = checkpoint;
	}

	/** Whether the file itself opens with {@link Checkpoints#open}. */
	public boolean isCheckpoint() {
		return checkpoint;
	}

	@Override
	public String toString() {
		return description;
	}
}
