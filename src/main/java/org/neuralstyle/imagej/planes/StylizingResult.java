package org.neuralstyle.imagej.planes;

import ij.ImagePlus;
import java.util.List;

/**
 * What a stylization run produced: the new image, and which of its planes were not stylized
 * because the user cancelled (those hold the input's plane unchanged), named by position.
 */
public record StylizingResult(ImagePlus image, int stylized, int total, List<String> unstylized) {

	public StylizingResult {
		unstylized = List.copyOf(unstylized);
	}

	/** True when every plane asked for was stylized. */
	public boolean complete() {
		return unstylized.isEmpty();
	}
}
