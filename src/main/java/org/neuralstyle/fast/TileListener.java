package org.neuralstyle.fast;

/** Told after each tile of a {@link FastStylizer} run, so a caller can show progress. */
@FunctionalInterface
public interface TileListener {

	/** {@code done} of {@code total} tiles are stylized. */
	void tileDone(int done, int total);
}
