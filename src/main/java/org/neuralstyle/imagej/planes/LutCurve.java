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

package org.neuralstyle.imagej.planes;

import ij.process.LUT;

/**
 * The colours of a lookup table as a path through RGB space: position 0 is the
 * first entry, position 1 the last, and colours between entries are
 * interpolated linearly.
 * <p>
 * Going back from a colour to a position is what lets a stylized RGB picture
 * return to a single-channel image: the position chosen is the point of the
 * path nearest to the colour, with distances weighted by the luminance weights
 * (0.299, 0.587, 0.114). For a gray LUT the path is the gray diagonal and that
 * nearest point is exactly the colour's luminance; for a "Green" LUT it is the
 * green value; for an arbitrary LUT it is the entry whose colour looks most
 * alike.
 * <p>
 * Consecutive entries that change by the same step form one straight piece, so
 * a linear LUT (gray, inverted gray, a single-colour ramp) is one piece and
 * costs one projection per pixel.
 */
public final class LutCurve {

	private static final float[] WEIGHTS = { 0.299f, 0.587f, 0.114f };

	/** Entries per LUT; positions are entry indices divided by the last index. */
	private static final int ENTRIES = 256;

	// One straight piece: colour(s) = start + s * step for entry offsets s in [0,
	// length].
	private final int[] firstEntry;
	private final int[] length;
	private final float[][] start;
	private final float[][] step;
	private final float[][] colours; // [entry][channel] in [0,1]

	public LutCurve(LUT lut) {
		if (lut.getMapSize() != ENTRIES) throw new IllegalArgumentException(
			"Expected a lookup table with " + ENTRIES + " entries, got " + lut
				.getMapSize());
		int[][] rgb = new int[ENTRIES][];
		colours = new float[ENTRIES][];
		for (int i = 0; i < ENTRIES; i++) {
			rgb[i] = new int[] { lut.getRed(i), lut.getGreen(i), lut.getBlue(i) };
			colours[i] = new float[] { rgb[i][0] / 255f, rgb[i][1] / 255f, rgb[i][2] /
				255f };
		}
		int[] first = new int[ENTRIES - 1];
		int[] len = new int[ENTRIES - 1];
		int pieces = 0;
		for (int i = 0; i < ENTRIES - 1; i++) {
			boolean sameStep = pieces > 0 && first[pieces - 1] + len[pieces -
				1] == i && sameStep(rgb, first[pieces - 1], i);
			if (sameStep) {
				len[pieces - 1]++;
			}
			else {
				first[pieces] = i;
				len[pieces] = 1;
				pieces++;
			}
		}
		firstEntry = new int[pieces];
		length = new int[pieces];
		start = new float[pieces][];
		step = new float[pieces][];
		for (int p = 0; p < pieces; p++) {
			firstEntry[p] = first[p];
			length[p] = len[p];
			int e = first[p];
			start[p] = colours[e].clone();
			step[p] = new float[3];
			for (int c = 0; c < 3; c++)
				step[p][c] = colours[e + 1][c] - colours[e][c];
		}
	}

	private static boolean sameStep(int[][] rgb, int pieceStart, int entry) {
		for (int c = 0; c < 3; c++) {
			if (rgb[entry + 1][c] - rgb[entry][c] != rgb[pieceStart + 1][c] -
				rgb[pieceStart][c]) return false;
		}
		return true;
	}

	/**
	 * Number of straight pieces the path was reduced to (1 for any linear LUT).
	 */
	public int pieces() {
		return firstEntry.length;
	}

	/** Writes the colour at position t (clamped to [0,1]) into rgb[0..2]. */
	void colourAt(float t, float[] rgb) {
		float x = Math.min(Math.max(t, 0f), 1f) * (ENTRIES - 1);
		int i = Math.min((int) x, ENTRIES - 2);
		float f = x - i;
		for (int c = 0; c < 3; c++)
			rgb[c] = colours[i][c] + f * (colours[i + 1][c] - colours[i][c]);
	}

	/**
	 * The position in [0,1] of the point of the path nearest to the colour (r, g,
	 * b); of several equally near points the one with the lowest position.
	 */
	float nearestPosition(float r, float g, float b) {
		float bestDistance = Float.POSITIVE_INFINITY;
		float bestEntry = 0;
		for (int p = 0; p < firstEntry.length; p++) {
			float[] a = start[p];
			float[] d = step[p];
			float dr = r - a[0], dg = g - a[1], db = b - a[2];
			float along = WEIGHTS[0] * d[0] * dr + WEIGHTS[1] * d[1] * dg +
				WEIGHTS[2] * d[2] * db;
			float norm = WEIGHTS[0] * d[0] * d[0] + WEIGHTS[1] * d[1] * d[1] +
				WEIGHTS[2] * d[2] * d[2];
			float s = norm > 0 ? Math.min(Math.max(along / norm, 0f), length[p]) : 0f;
			float er = dr - s * d[0], eg = dg - s * d[1], eb = db - s * d[2];
			float distance = WEIGHTS[0] * er * er + WEIGHTS[1] * eg * eg +
				WEIGHTS[2] * eb * eb;
			if (distance < bestDistance) {
				bestDistance = distance;
				bestEntry = firstEntry[p] + s;
			}
		}
		return bestEntry / (ENTRIES - 1);
	}
}
