/**
 * Feature networks: VGG built from a state dict's shapes (so tests can use tiny ones), computing
 * only up to the deepest layer asked for; devices and pooling; the engine report (versions, native
 * library, devices and why no GPU, memory, cached weights). A new loss network goes here.
 * Imports {@code checkpoint}, {@code tensor} and {@code weights}.
 */
package org.neuralstyle.net;
