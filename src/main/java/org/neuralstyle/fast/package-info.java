/**
 * Stylize (fast model), the method of Johnson et al.: the transformation network, its weights and
 * layout, one-pass stylizing with tiles, and the library of model files. Imports {@code
 * checkpoint}, {@code weights}, {@code image} and {@code tensor}; training lives in {@code fast.train}.
 */
package org.neuralstyle.fast;
