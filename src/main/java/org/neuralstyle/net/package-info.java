/**
 * Feature networks: VGG built from a state dict's shapes (so tests can use tiny ones), computing
 * only up to the deepest layer asked for; devices and pooling. A new loss network goes here.
 * Imports {@code checkpoint} and {@code tensor}.
 */
package org.neuralstyle.net;
