package org.neuralstyle.imagej.planes;

import org.neuralstyle.image.RgbImage;

/**
 * One stylization method as the ImageJ layer sees it: an RGB picture in, a stylized RGB picture
 * out. The result may be smaller than the input (the optimization engine downsizes large inputs);
 * it is scaled back up before it reaches the image.
 * <p>
 * Long-running stylizers should poll {@link ProgressReporter#isCancelled()} and report progress
 * within the plane with {@link ProgressReporter#planeProgress(double)}. On cancellation a stylizer
 * either returns what it has so far (the plane then counts as stylized) or throws
 * {@link java.util.concurrent.CancellationException} (the plane is left as it was).
 */
@FunctionalInterface
public interface PlaneStylizer {

	RgbImage stylize(RgbImage picture, ProgressReporter progress) throws Exception;
}
