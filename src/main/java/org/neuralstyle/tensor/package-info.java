/**
 * The few DJL operations the engine must not take from DJL directly, because DJL or libtorch gets
 * them wrong on some machines (see docs/engine-bugs.md): scalars autograd keeps, and convolutions
 * whose backward pass runs. Imports only DJL.
 */
package org.neuralstyle.tensor;
