/**
 * The progress of long runs as any front end shows it: the pace so far, the time left, durations
 * in words. A new front end's progress display builds on this. Imports only the JDK.
 */
package org.neuralstyle.progress;
