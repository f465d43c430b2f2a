/**
 * Training fast models: the perceptual loss of Johnson et al., the training pictures and their
 * batches, the training loop with checkpoints and resume. Imports {@code fast}, {@code net},
 * {@code loss}, {@code optim}, {@code checkpoint}, {@code image} and {@code tensor}.
 */
package org.neuralstyle.fast.train;
