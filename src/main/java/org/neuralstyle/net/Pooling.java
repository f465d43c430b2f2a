package org.neuralstyle.net;

/**
 * How the feature network downsamples between blocks. VGG was trained with max pooling; Gatys et
 * al. report slightly smoother results with average pooling, so both are offered.
 */
public enum Pooling {
	MAX, AVG;

	/** Parses "max" or "avg" (any case), with a message that lists the choices. */
	public static Pooling parse(String s) {
		for (Pooling p : values()) if (p.name().equalsIgnoreCase(s.trim())) return p;
		throw new IllegalArgumentException("Unknown pooling '" + s + "': use max or avg");
	}
}
