package org.neuralstyle.weights;

import java.net.URI;

/**
 * A model file the product knows where to get and how to check: its official download URL, the
 * name it has in the cache, its size in bytes ({@code -1} when not published exactly) and its
 * checksum.
 */
public record KnownModel(String id, String title, ModelKind kind, URI url, String fileName, long size,
	Checksum checksum)
{
	public KnownModel {
		if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith("."))
			throw new IllegalArgumentException("not a plain file name: " + fileName);
	}

	public boolean sizeKnown() {
		return size >= 0;
	}

	/** "torchvision VGG19, vgg19-dcbb9e9d.pth, 548 MB". */
	public String describe() {
		return title + ", " + fileName + (sizeKnown() ? ", " + megabytes(size) + " MB" : "");
	}

	/** Bytes in whole mebibytes, as download sizes are shown. */
	public static long megabytes(long bytes) {
		return Math.round(bytes / (1024.0 * 1024.0));
	}

	@Override
	public String toString() {
		return title + " (" + fileName + ")";
	}
}
