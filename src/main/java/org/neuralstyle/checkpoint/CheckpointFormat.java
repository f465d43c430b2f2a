package org.neuralstyle.checkpoint;

/** The file formats {@link Checkpoints#open} reads, told apart by content. */
public enum CheckpointFormat {
	/** PyTorch before 1.6, and {@code torch.save(..., _use_new_zipfile_serialization=False)}. */
	PYTORCH_LEGACY("PyTorch (legacy format)"),
	/** PyTorch's default since 1.6. */
	PYTORCH_ZIP("PyTorch (zip format)"),
	SAFETENSORS("safetensors");

	private final String description;

	CheckpointFormat(String description) {
		this.description = description;
	}

	@Override
	public String toString() {
		return description;
	}
}
