/**
 * Optimizers over one parameter array, torch-exact: L-BFGS (with torch's state names) and Adam,
 * the objective they minimize and the evaluation it returns. A new optimizer goes here. Imports
 * only DJL and {@code tensor}.
 */
package org.neuralstyle.optim;
