/**
 * What a user sees while a command runs: status-bar progress with time left, the progress stack
 * that grows every N iterations, the training loss plot, cancel by Escape. A new progress display
 * goes here. Imports {@code optimize}, {@code fast.train}, {@code image}, {@code imagej.planes} and ImageJ 1.x.
 */
package org.neuralstyle.imagej.progress;
