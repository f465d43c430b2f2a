package org.neuralstyle.weights;

/** Told how far a download has come; called from the downloading thread. */
@FunctionalInterface
public interface DownloadProgress {

	DownloadProgress NONE = (done, total) -> {
	};

	/** {@code total} is -1 when neither the server nor the registry says how large the file is. */
	void update(long bytesDone, long bytesTotal);
}
