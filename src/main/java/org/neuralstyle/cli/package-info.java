/**
 * The command line ({@code neural-style optimize|fast|train|weights|bench}), built with picocli:
 * options, console progress, exit codes, and image files read and written through ImageJ 1.x.
 * May import every engine package and ImageJ 1.x ({@code ij.*}), not SciJava or {@code imagej}.
 */
package org.neuralstyle.cli;
