/*-
 * #%L
 * Neural style transfer (Gatys et al. optimization, Johnson et al. fast models) for Fiji and ImageJ, on DJL and PyTorch.
 * %%
 * Copyright (C) 2026 Neural Style for Fiji developers.
 * %%
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 * 
 *      http://www.apache.org/licenses/LICENSE-2.0
 * 
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 * #L%
 */

package org.neuralstyle.checkpoint;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras weights file in HDF5 (Keras' legacy {@code save_weights} format,
 * which keras-applications publishes, e.g.
 * {@code vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5}) of a plain stack
 * of convolutions and poolings, read as the state dict torchvision would have
 * for it. The file lists its layers in the root attribute {@code layer_names};
 * each layer's group lists its datasets in {@code weight_names}, a
 * convolution's kernel then its bias, as Keras reads them. A layer with a 4-d
 * kernel and a bias becomes the convolution {@code features.N}, followed by its
 * ReLU at {@code N+1} (a Keras convolution carries its activation); a layer
 * without weights after the first convolution is a pooling and takes one index,
 * as in torchvision's VGG; one before it is the input. Kernels are stored
 * height × width × in × out ("tf kernels") and are returned as PyTorch's out ×
 * in × height × width. The channels stay as Keras has them: VGG weights
 * converted from Caffe expect BGR input with Caffe's means subtracted, which is
 * the caller's to provide ({@link #isKeras}).
 * <p>
 * Read with jHDF, a pure-Java HDF5 reader; HDF5 files hold no code. Opening
 * reads the metadata and checks that every dataset's bytes lie inside the file,
 * so a truncated download fails here.
 */
public final class KerasWeights extends TensorIndex.Indexed {

	/** The first 8 bytes of an HDF5 file. */
	static final byte[] SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n',
		0x1a, '\n' };

	private final Path file;
	private final HdfFile hdf;
	private final Map<String, Dataset> datasets;
	private final Map<String, String> kerasNames;

	private KerasWeights(Path file, HdfFile hdf, TensorIndex infos,
		Map<String, Dataset> datasets, Map<String, String> kerasNames)
	{
		super(infos);
		this.file = file;
		this.hdf = hdf;
		this.datasets = datasets;
		this.kerasNames = kerasNames;
	}

	/** Whether a state dict was read from a Keras weights file. */
	public static boolean isKeras(StateDict sd) {
		return sd instanceof KerasWeights;
	}

	static KerasWeights open(Path file) throws IOException {
		HdfFile hdf;
		try {
			hdf = new HdfFile(file);
		}
		catch (RuntimeException e) {
			throw damaged(file, "its HDF5 structure cannot be read: " + reason(e), e);
		}
		try {
			return index(file, hdf);
		}
		catch (RuntimeException e) {
			hdf.close();
			throw damaged(file, "its HDF5 structure cannot be read: " + reason(e), e);
		}
		catch (IOException e) {
			// Closed again: no one else holds it (a Windows file stays locked).
			hdf.close();
			throw e;
		}
	}

	private static KerasWeights index(Path file, HdfFile hdf) throws IOException {
		// The superblock records where the file ends: a cut-off download is told
		// apart before anything else is read.
		long fileSize = Files.size(file), base = hdf.getUserBlockSize();
		long end = base + hdf.getHdfBackingStorage().getSuperblock()
			.getEndOfFileAddress();
		if (end > fileSize) throw damaged(file, "it has " + fileSize +
			" bytes of the " + end + " its header records", null);
		Group root = hdf;
		// A whole model saved with model.save() keeps its weights in a subgroup.
		if (hdf.getAttribute("layer_names") == null && hdf.getChild(
			"model_weights") instanceof Group weights) root = weights;
		String[] layers = strings(root, "layer_names");
		if (layers == null) throw new CheckpointException(file +
			" is an HDF5 file but not Keras weights: it has no 'layer_names' attribute. " +
			"Pass a Keras weights file such as vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5.");
		TensorIndex infos = new TensorIndex(file.toString());
		Map<String, Dataset> datasets = new LinkedHashMap<>();
		Map<String, String> kerasNames = new LinkedHashMap<>();
		int index = 0;
		boolean convolutionSeen = false;
		for (String layer : layers) {
			if (!(root.getChild(layer) instanceof Group group)) throw damaged(file,
				"the layer " + layer + " it lists is missing", null);
			String[] weights = strings(group, "weight_names");
			if (weights == null || weights.length == 0) {
				if (convolutionSeen) index++;
				continue;
			}
			if (weights.length != 2) throw notConvolutions(file, layer,
				weights.length + " weights");
			Dataset kernel = dataset(file, group, weights[0]);
			Dataset bias = dataset(file, group, weights[1]);
			long[] k = kernel.getDimensionsAsLong(), b = bias.getDimensionsAsLong();
			if (k.length != 4 || b.length != 1 || b[0] != k[3]) throw notConvolutions(
				file, layer, "weights of shapes " + Arrays.toString(k) + " and " +
					Arrays.toString(b));
			String w = "features." + index + ".weight", bn = "features." + index +
				".bias";
			infos.add(new TensorInfo(w, dtype(file, kernel), new long[] { k[3], k[2],
				k[0], k[1] }));
			infos.add(new TensorInfo(bn, dtype(file, bias), b.clone()));
			for (String name : new String[] { w, bn }) {
				Dataset d = name == w ? kernel : bias;
				requireInside(file, d, base, fileSize);
				datasets.put(name, d);
				kerasNames.put(name, layer + "/" + (name == w ? weights[0]
					: weights[1]));
			}
			index += 2;
			convolutionSeen = true;
		}
		if (infos.isEmpty()) throw new CheckpointException(file +
			" is a Keras weights file without any convolution. Pass the weights of a VGG network.");
		return new KerasWeights(file, hdf, infos, datasets, kerasNames);
	}

	private static Dataset dataset(Path file, Group group, String name)
		throws CheckpointException
	{
		Node node;
		try {
			node = group.getByPath(name);
		}
		catch (RuntimeException e) {
			node = null;
		}
		if (!(node instanceof Dataset d)) throw damaged(file, "the weight " + group
			.getName() + "/" + name + " it lists is missing", null);
		return d;
	}

	private static String dtype(Path file, Dataset d) throws CheckpointException {
		Class<?> type = d.getJavaType();
		if (type == float.class) return "float32";
		if (type == double.class) return "float64";
		throw new CheckpointException(file + ": the weight " + d.getPath() +
			" holds " + type.getSimpleName() +
			" values, not floating-point numbers. Pass a Keras weights file of a trained network.");
	}

	/**
	 * Refuses a dataset whose bytes would lie past the end of the file: the file
	 * was cut off.
	 */
	private static void requireInside(Path file, Dataset d, long base,
		long fileSize) throws CheckpointException
	{
		if (d instanceof ContiguousDataset c && base + c.getDataAddress() + d
			.getSizeInBytes() > fileSize) throw damaged(file,
				"it ends before the data of " + d.getPath(), null);
	}

	/** A string-array attribute, or null when there is none. */
	private static String[] strings(Node node, String name) {
		Attribute a = node.getAttribute(name);
		if (a == null || a.isEmpty()) return a == null ? null : new String[0];
		Object data = a.getData();
		if (data instanceof String[] s) return s;
		if (data instanceof String s) return new String[] { s };
		return null;
	}

	private static CheckpointException notConvolutions(Path file, String layer,
		String what)
	{
		return new CheckpointException(file + ": the Keras layer " + layer +
			" has " + what +
			" where a convolution has a kernel [h, w, in, out] and a bias [out]. " +
			"Only Keras weights of plain convolution stacks such as VGG16 can be used.");
	}

	private static CheckpointException damaged(Path file, String detail,
		Throwable cause)
	{
		return new CheckpointException(file +
			" is truncated or damaged as a Keras HDF5 weights file (" + detail +
			"). Re-download it or pass another file.", cause);
	}

	private static String reason(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause())
			if (t.getMessage() != null && !t.getMessage().isBlank()) return t
				.getMessage();
		return e.getClass().getSimpleName();
	}

	/**
	 * The Keras name of a tensor ({@code block1_conv1/block1_conv1_W_1:0}), for
	 * messages.
	 */
	public String kerasName(String name) {
		return kerasNames.get(name);
	}

	@Override
	public synchronized float[] readFloats(String name) throws IOException {
		TensorInfo info = info(name);
		Object flat;
		try {
			flat = datasets.get(name).getDataFlat();
		}
		catch (RuntimeException e) {
			throw damaged(file, "the data of " + kerasName(name) +
				" cannot be read: " + reason(e), e);
		}
		float[] values;
		if (flat instanceof float[] f) values = f;
		else if (flat instanceof double[] d) {
			values = new float[d.length];
			for (int i = 0; i < d.length; i++)
				values[i] = (float) d[i];
		}
		else throw damaged(file, "the data of " + kerasName(name) +
			" is not a numeric array", null);
		if (values.length != info.numel()) throw damaged(file, kerasName(name) +
			" holds " + values.length + " values, its shape says " + info.numel(),
			null);
		long[] s = info.shape();
		return s.length == 4 ? torchKernel(values, (int) s[2], (int) s[3],
			(int) s[1], (int) s[0]) : values;
	}

	/** height × width × in × out, row-major, to out × in × height × width. */
	static float[] torchKernel(float[] hwio, int h, int w, int in, int out) {
		float[] oihw = new float[hwio.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int i = 0; i < in; i++)
					for (int o = 0; o < out; o++)
						oihw[((o * in + i) * h + y) * w + x] = hwio[((y * w + x) * in + i) *
							out + o];
		return oihw;
	}

	@Override
	public String source() {
		return file.toString();
	}

	@Override
	public void close() {
		hdf.close();
	}
}
