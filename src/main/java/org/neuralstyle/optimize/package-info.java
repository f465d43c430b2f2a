/**
 * Stylize (optimize), the method of Gatys et al.: the stylizer that optimizes an image's pixels
 * against content and style losses, its settings, listener, losses and result. Imports
 * {@code net}, {@code loss}, {@code optim}, {@code image}, {@code checkpoint} and {@code tensor}.
 */
package org.neuralstyle.optimize;
