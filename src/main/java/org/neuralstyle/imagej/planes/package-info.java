/**
 * ImageJ images plane by plane: codecs from 8/16/32-bit (through LUT and display range), RGB and
 * composites to the engine's RGB and back, selections, the scope (one plane or all), and the
 * runner that stylizes a stack into a new image. Imports {@code image} and ImageJ 1.x.
 */
package org.neuralstyle.imagej.planes;
