package org.neuralstyle.optimize;

/** The weighted loss terms of one evaluation, and their sum. */
public record LossValues(double content, double style, double tv, double total) {

	public boolean isFinite() {
		return Double.isFinite(total) && Double.isFinite(content) && Double.isFinite(style) && Double.isFinite(tv);
	}
}
