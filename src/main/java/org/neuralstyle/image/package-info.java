/**
 * RGB images as the engine sees them (planar floats in [0, 1]), resampling and luminance. The
 * common currency between the engine and its front ends. Imports only the JDK and DJL.
 */
package org.neuralstyle.image;
