/**
 * Plain ImageJ 1.x: the bridge that runs the SciJava commands from its menus and macros
 * (GenericDialog, macro options, parameters, class loader), and what a command may ask of it
 * (windows, batch mode, a person to answer). Imports SciJava and ImageJ 1.x, no other package here.
 */
package org.neuralstyle.imagej.ij1;
