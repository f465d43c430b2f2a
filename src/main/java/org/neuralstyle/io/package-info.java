/**
 * Writing files so that a reader never sees half of one and nothing the user had is replaced
 * unasked. Imports only the JDK.
 */
package org.neuralstyle.io;
