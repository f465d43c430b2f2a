/**
 * Image files opened through ImageJ 1.x with the checks a hostile file needs before it is
 * decoded: its declared size against the memory there is, and formats ImageJ cannot decode. Used
 * by {@code cli} and {@code imagej} alike, so both refuse the same files with the same message.
 * Imports only the JDK and ImageJ 1.x ({@code ij.*}); no engine package may import it.
 */
package org.neuralstyle.imagefile;
