package org.neuralstyle.checkpoint;

import java.io.IOException;

/**
 * A checkpoint file that cannot be used: not a checkpoint, truncated, corrupt, refused by the
 * restricted unpickler, or missing tensors a network needs. The message names the file and says
 * what is wrong in words a user can act on.
 */
public class CheckpointException extends IOException {

	public CheckpointException(String message) {
		super(message);
	}

	public CheckpointException(String message, Throwable cause) {
		super(message, cause);
	}
}
