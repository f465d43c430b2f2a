/**
 * The perceptual losses of style transfer: Gram matrix, content loss, style loss, total
 * variation, each a differentiable function of feature maps or pixels. A new loss goes here.
 * Imports only DJL and {@code tensor}.
 */
package org.neuralstyle.loss;
