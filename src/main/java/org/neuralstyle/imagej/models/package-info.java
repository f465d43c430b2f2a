/**
 * Where the commands' networks come from in Fiji: the VGG weights and fast models given, cached
 * or downloaded with the user's consent. Imports {@code weights}, {@code checkpoint}, {@code fast},
 * {@code imagej.ij1} and ImageJ 1.x.
 */
package org.neuralstyle.imagej.models;
