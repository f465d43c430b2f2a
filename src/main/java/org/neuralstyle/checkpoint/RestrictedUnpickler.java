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

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles the pickles of a PyTorch checkpoint knowing only the globals a
 * state dict needs. A pickle names Python callables (GLOBAL, STACK_GLOBAL) and
 * calls them (REDUCE); a malicious checkpoint names {@code os.system} or
 * {@code builtins.eval}. Every name is checked here against a short list before
 * anything is built, and anything else ends the read with a refusal, so a
 * checkpoint can only ever describe tensors. Tensors come out as
 * {@link StoredTensor}s, storages as {@link StorageRef}s (the pickle's
 * persistent ids); no tensor data is read.
 * <p>
 * A pickle is also a program that can make the reader work or allocate without
 * limit from a few hundred bytes: a list shared 2^63 times and then hashed,
 * containers nested or containing themselves so that hashing or printing them
 * overflows the stack, or a length field that claims 2 GB. So the reader is
 * bounded: the index may not exceed {@link #MAX_INDEX_BYTES} nor the bytes the
 * file has left, no length is believed before it is checked against those
 * bytes, the number of operations, the stack and the memo are capped, dict keys
 * must be strings or numbers (never containers, which are the only things whose
 * hashing costs more than their bytes), sets are kept as lists, and the result
 * is checked to be a tree of bounded depth before anyone walks it.
 */
final class RestrictedUnpickler extends Unpickler {

	private static final String TORCH_UTILS = "torch._utils.";

	/**
	 * A VGG19 index is about 5 KB; a state dict of 100000 tensors stays under 20
	 * MB.
	 */
	static final long MAX_INDEX_BYTES = 64L << 20;
	/**
	 * About 30 per tensor in PyTorch's pickles; each creates at most one small
	 * object.
	 */
	static final int MAX_OPERATIONS = 1 << 22;
	static final int MAX_STACK = 1 << 20;
	static final int MAX_MEMO = 1 << 20;
	/** A state dict is dict, wrapper dict, tensor, shape tuple: depth 4 to 6. */
	static final int MAX_DEPTH = 64;
	/** Module and attribute names of a GLOBAL. */
	private static final int MAX_NAME = 1024;

	private final Path file;
	/**
	 * Every storage the pickle referenced, by key: the file must hold each of
	 * them.
	 */
	private final Map<String, StorageRef> storages = new LinkedHashMap<>();

	private RestrictedUnpickler(Path file) {
		this.file = file;
	}

	/** Result of one pickle: its object and the storages it referenced. */
	record Result(Object value, Map<String, StorageRef> storages) {
	}

	/**
	 * Reads one pickle from the stream, stopping right after its STOP opcode
	 * (legacy files hold several in a row). {@code bytesLeft} is how many bytes
	 * the stream can still give (the rest of the file or zip entry), or -1 if
	 * unknown; no length field may claim more.
	 */
	static Result load(InputStream in, Path file, long bytesLeft)
		throws IOException
	{
		RestrictedUnpickler unpickler = new RestrictedUnpickler(file);
		long limit = bytesLeft < 0 ? MAX_INDEX_BYTES : Math.min(bytesLeft,
			MAX_INDEX_BYTES);
		try {
			Object value = unpickler.load(new BoundedStream(in, limit,
				bytesLeft >= 0 && bytesLeft < MAX_INDEX_BYTES));
			checkTree(value);
			return new Result(value, unpickler.storages);
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
		catch (EOFException e) {
			throw Checkpoints.damaged(file, "it ends in the middle of its index", e);
		}
		catch (IndexTooLarge e) {
			throw new CheckpointException(file + " has a tensor index larger than " +
				e.getMessage() + ", far more " +
				"than any network this plugin uses has, so it is not read. Pass a VGG or fast style model file.",
				e);
		}
		catch (CheckpointException e) {
			throw e;
		}
		catch (IOException e) {
			// Pyrolite reports a cut-off pickle as a plain IOException ("premature
			// end of file").
			throw Checkpoints.damaged(file, "its index cannot be read: " + e
				.getMessage(), e);
		}
		catch (ArithmeticException e) {
			throw Checkpoints.damaged(file,
				"a tensor's size or position does not fit in 64 bits", e);
		}
		catch (ClassCastException e) {
			// Its message names JDK classes and class loaders, which tells a user
			// nothing.
			throw Checkpoints.damaged(file,
				"its index is malformed: a value of the wrong type", e);
		}
		catch (RuntimeException e) {
			// PickleException, ArithmeticException and the like a malformed pickle
			// provokes. Their messages are ours or Pyrolite's and never print the
			// pickle's objects.
			throw Checkpoints.damaged(file, "its index is malformed: " + e
				.getMessage(), e);
		}
	}

	/** Past one of the bounds; the message says which. */
	private static final class IndexTooLarge extends IOException {

		IndexTooLarge(String what) {
			super(what);
		}
	}

	/**
	 * Counts what the unpickler consumes and refuses to go past the limit, so
	 * that every length field can be checked against {@link #remaining()} before
	 * anything is allocated for it.
	 */
	private static final class BoundedStream extends FilterInputStream {

		private long remaining;
		/**
		 * Whether the limit is the end of the data (a truncation) rather than the
		 * size bound.
		 */
		private final boolean limitIsEnd;

		BoundedStream(InputStream in, long limit, boolean limitIsEnd) {
			super(in);
			this.remaining = limit;
			this.limitIsEnd = limitIsEnd;
		}

		long remaining() {
			return remaining;
		}

		private void beyond() throws IOException {
			if (limitIsEnd) throw new EOFException();
			throw new IndexTooLarge((MAX_INDEX_BYTES >> 20) + " MB");
		}

		@Override
		public int read() throws IOException {
			if (remaining <= 0) beyond();
			int b = super.read();
			if (b >= 0) remaining--;
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) return 0;
			if (remaining <= 0) beyond();
			int n = super.read(b, off, (int) Math.min(len, remaining));
			if (n > 0) remaining -= n;
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(Math.min(n, remaining));
			remaining -= skipped;
			return skipped;
		}

		// The legacy reader counts consumed bytes; a mark and reset would undo a
		// count.
		@Override
		public boolean markSupported() {
			return false;
		}
	}

	/**
	 * Refuses a value that is not a finite tree of depth at most
	 * {@link #MAX_DEPTH}: a container holding itself, or nesting deep enough that
	 * any recursive walk (hashing, printing, equality) would overflow the stack.
	 * Walks without recursion, each shared container once.
	 */
	private static void checkTree(Object root) {
		Map<Object, Boolean> done = new IdentityHashMap<>();
		Map<Object, Boolean> onPath = new IdentityHashMap<>();
		// {container, iterator over its children}
		Deque<Object[]> path = new ArrayDeque<>();
		if (!isContainer(root)) return;
		path.push(new Object[] { root, children(root).iterator() });
		onPath.put(root, true);
		while (!path.isEmpty()) {
			@SuppressWarnings("unchecked")
			java.util.Iterator<Object> next = (java.util.Iterator<Object>) path
				.peek()[1];
			if (!next.hasNext()) {
				Object finished = path.pop()[0];
				onPath.remove(finished);
				done.put(finished, true);
				continue;
			}
			Object child = next.next();
			if (!isContainer(child) || done.containsKey(child)) continue;
			if (onPath.containsKey(child)) throw new PickleException(
				"a container that contains itself");
			if (path.size() >= MAX_DEPTH) throw new PickleException(
				"containers nested more than " + MAX_DEPTH + " deep");
			path.push(new Object[] { child, children(child).iterator() });
			onPath.put(child, true);
		}
	}

	private static boolean isContainer(Object o) {
		return o instanceof Map || o instanceof List || o instanceof Object[];
	}

	@SuppressWarnings("unchecked")
	private static Iterable<Object> children(Object container) {
		if (container instanceof Object[] array) return Arrays.asList(array);
		if (container instanceof List<?> list) return (List<Object>) list;
		List<Object> out = new ArrayList<>();
		((Map<?, ?>) container).forEach((k, v) -> {
			out.add(k);
			out.add(v);
		});
		return out;
	}

	private int operations;

	@Override
	protected Object dispatch(short key) throws IOException {
		if (++operations > MAX_OPERATIONS) throw new IndexTooLarge(MAX_OPERATIONS +
			" pickle operations");
		Object result = dispatchBounded(key);
		if (stack.size() > MAX_STACK) throw new IndexTooLarge(MAX_STACK +
			" values on the pickle stack");
		if (memo.size() > MAX_MEMO) throw new IndexTooLarge(MAX_MEMO +
			" remembered pickle values");
		return result;
	}

	private Object dispatchBounded(short key) throws IOException {
		switch (key) {
			case Opcodes.GLOBAL -> {
				String module = readLine();
				String name = readLine();
				stack.add(resolve(module, name));
			}
			case Opcodes.STACK_GLOBAL -> {
				String name = (String) stack.pop();
				String module = (String) stack.pop();
				stack.add(resolve(module, name));
			}
			// Objects made from a class given by name, or from the extension
			// registry: never part of a state dict, and the way around the GLOBAL
			// check.
			case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2,
					Opcodes.EXT4 -> throw refused("an object built by opcode " + key);
			case Opcodes.BUILD -> build();
			// Pyrolite builds dicts as HashMaps; a state dict's order is the
			// network's layer order.
			case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
			case Opcodes.DICT -> {
				Map<Object, Object> dict = new LinkedHashMap<>();
				putPairs(dict, stack.pop_all_since_marker());
				stack.add(dict);
			}
			case Opcodes.SETITEMS -> {
				List<Object> pairs = stack.pop_all_since_marker();
				putPairs(asMap(stack.peek()), pairs);
			}
			case Opcodes.SETITEM -> {
				Object value = stack.pop();
				Object dictKey = stack.pop();
				asMap(stack.peek()).put(checkedKey(dictKey), value);
			}
			// Pyrolite builds sets as HashSets, hashing every element; a state dict
			// has no sets, and a list holds the same elements without hashing them.
			case Opcodes.EMPTY_SET -> stack.add(new ArrayList<>());
			case Opcodes.FROZENSET -> stack.add(new ArrayList<>(stack
				.pop_all_since_marker()));
			case Opcodes.ADDITEMS -> {
				List<Object> items = stack.pop_all_since_marker();
				if (!(stack.peek() instanceof List<?>)) throw new PickleException(
					"items added to something not a set");
				@SuppressWarnings("unchecked")
				List<Object> set = (List<Object>) stack.peek();
				set.addAll(items);
			}
			// Length-prefixed values: Pyrolite allocates whatever the length says
			// before reading.
			case Opcodes.BINSTRING -> stack.add(PickleUtils.rawStringFromBytes(
				readCounted(readInt32())));
			case Opcodes.BINUNICODE -> stack.add(new String(readCounted(readInt32()),
				StandardCharsets.UTF_8));
			case Opcodes.BINUNICODE8 -> stack.add(new String(readCounted(readInt64()),
				StandardCharsets.UTF_8));
			case Opcodes.BINBYTES -> stack.add(readCounted(readInt32()));
			case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(readCounted(
				readInt64()));
			case Opcodes.LONG4 -> stack.add(PickleUtils.decode_long(readCounted(
				readInt32())));
			default -> {
				return super.dispatch(key);
			}
		}
		return NO_RETURN_VALUE;
	}

	/**
	 * A GLOBAL operand. Pyrolite's readline returns what it has at the end of the
	 * stream, which would turn a cut-off file into a refusal of a half name; a
	 * missing newline is a truncation.
	 */
	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b; (b = input.read()) != '\n';) {
			if (b < 0) throw new EOFException();
			if (line.length() >= MAX_NAME) throw new PickleException(
				"a global name longer than " + MAX_NAME + " characters");
			line.append((char) b);
		}
		return line.toString();
	}

	private long readInt32() throws IOException {
		// Signed, as in Python's pickle: a negative length is malformed, not 2 GB.
		return PickleUtils.bytes_to_integer(PickleUtils.readbytes(input, 4));
	}

	private long readInt64() throws IOException {
		return PickleUtils.bytes_to_long(PickleUtils.readbytes(input, 8), 0);
	}

	/**
	 * The bytes a length field announced, once the length is known to fit in what
	 * is left.
	 */
	private byte[] readCounted(long length) throws IOException {
		if (length < 0) throw new PickleException("a negative length");
		BoundedStream bounded = (BoundedStream) input;
		if (length > bounded.remaining()) {
			if (!bounded.limitIsEnd) throw new IndexTooLarge((MAX_INDEX_BYTES >> 20) +
				" MB");
			throw Checkpoints.damaged(file, "a value in its index claims " + length +
				" bytes, but only " + bounded.remaining() + " are left", null);
		}
		return PickleUtils.readbytes(input, (int) length);
	}

	/**
	 * Keys of a state dict are strings; training checkpoints also use numbers.
	 * Anything else, a tuple or list above all, would be hashed as a key, which a
	 * shared or self-containing container turns into an endless computation or a
	 * stack overflow.
	 */
	private static Object checkedKey(Object key) {
		if (key == null || key instanceof String || key instanceof Number ||
			key instanceof Boolean) return key;
		throw new PickleException("a dict key that is not a string or number");
	}

	private static void putPairs(Map<Object, Object> dict, List<Object> pairs) {
		for (int i = 0; i + 1 < pairs.size(); i += 2)
			dict.put(checkedKey(pairs.get(i)), pairs.get(i + 1));
	}

	@SuppressWarnings("unchecked")
	private static Map<Object, Object> asMap(Object o) {
		if (o instanceof Map<?, ?> m) return (Map<Object, Object>) m;
		throw new PickleException("items set on a " + typeName(o));
	}

	/**
	 * PyTorch attaches {@code _metadata} (per-module version numbers) to a state
	 * dict's OrderedDict as instance state. Reading weights does not need it, so
	 * the state of a dict is accepted and dropped; state for anything else is
	 * refused.
	 */
	private void build() throws CheckpointException {
		Object state = stack.pop();
		Object target = stack.peek();
		// Named by type only: printing an untrusted object can itself never end.
		if (!(target instanceof Map) || !(state instanceof Map)) throw refused(
			"object state for a " + typeName(target));
	}

	private static String typeName(Object o) {
		return o == null ? "None" : o.getClass().getSimpleName();
	}

	private Object resolve(String module, String name)
		throws CheckpointException
	{
		String global = module + "." + name;
		switch (global) {
			case "collections.OrderedDict":
				return (IObjectConstructor) args -> {
					if (args.length != 0) throw new PickleException(
						"OrderedDict with arguments");
					return new LinkedHashMap<>();
				};
			case TORCH_UTILS + "_rebuild_tensor": // PyTorch before 0.4
			case TORCH_UTILS + "_rebuild_tensor_v2":
				return (IObjectConstructor) RestrictedUnpickler::rebuildTensor;
			case TORCH_UTILS + "_rebuild_parameter":
			case TORCH_UTILS + "_rebuild_parameter_with_state":
				// A Parameter is its data plus autograd flags, which frozen weights do
				// not need.
				return (IObjectConstructor) args -> {
					if (args.length < 1 || !(args[0] instanceof StoredTensor t))
						throw new PickleException("parameter without tensor data");
					return t;
				};
			default:
				String storageClass = module.equals("torch") || module.equals(
					"torch.cuda") ? name : null;
				DType dtype = storageClass == null ? null : DType.ofStorageClass(
					storageClass);
				if (dtype != null) return new StorageType(dtype);
				throw refused(global);
		}
	}

	/** A storage class, as it appears in a persistent id; never called. */
	private record StorageType(DType dtype) implements IObjectConstructor {

		@Override
		public Object construct(Object[] args) {
			throw new PickleException("storage class called");
		}

	}

	private static StoredTensor rebuildTensor(Object[] args) {
		if (args.length < 4 || !(args[0] instanceof StorageRef storage))
			throw new PickleException("tensor without storage");
		long[] shape = longs(args[2]);
		long[] stride = longs(args[3]);
		if (shape.length != stride.length) throw new PickleException(
			"tensor shape and strides disagree");
		for (int i = 0; i < shape.length; i++)
			if (shape[i] < 0 || stride[i] < 0) throw new PickleException(
				"negative shape or stride");
		// A negative offset would read the bytes before the storage (legacy) or be
		// skipped over (zip).
		long offset = exactLong(args[1]);
		if (offset < 0) throw new PickleException(
			"a tensor starts at a negative storage offset");
		StoredTensor tensor = new StoredTensor(storage.key(), storage.dtype(), Math
			.addExact(storage.viewOffset(), offset), shape, stride);
		// Sizes are later compared with the file's; a product that wraps around
		// would pass.
		Math.addExact(tensor.offset(), tensor.span());
		return tensor;
	}

	private static long[] longs(Object tuple) {
		Object[] items = (Object[]) tuple;
		long[] out = new long[items.length];
		for (int i = 0; i < out.length; i++)
			out[i] = exactLong(items[i]);
		return out;
	}

	/**
	 * An integer of the pickle; Python's are unbounded, and BigInteger.longValue
	 * would wrap.
	 */
	private static long exactLong(Object number) {
		if (number instanceof BigInteger big) {
			if (big.bitLength() > 63) throw new PickleException(
				"an integer too large for a tensor size");
			return big.longValue();
		}
		if (number instanceof Long || number instanceof Integer ||
			number instanceof Short || number instanceof Byte)
			return ((Number) number).longValue();
		throw new PickleException("a tensor size or offset that is not an integer");
	}

	/**
	 * Persistent ids name storages:
	 * {@code ("storage", type, key, location, numel)} in zip files, plus a view
	 * description {@code (viewKey, offset, size)} or None in legacy files.
	 */
	@Override
	protected Object persistentLoad(Object pid) {
		Object[] id = pid instanceof Object[] a ? a : new Object[] { pid };
		if (!"storage".equals(id[0])) {
			// Legacy files of whole modules carry their source code under "module"
			// ids.
			throw new UncheckedIOException(refused("a persistent object of kind " +
				id[0]));
		}
		if (id.length < 5 || !(id[1] instanceof StorageType type) ||
			!(id[2] instanceof String key)) throw new PickleException(
				"malformed storage reference");
		long numel = exactLong(id[4]);
		if (numel < 0) throw new PickleException("negative storage size");
		// Readers multiply by the element size when comparing with the file; that
		// must not wrap.
		Math.multiplyExact(numel, type.dtype().size);
		StorageRef root = new StorageRef(key, type.dtype(), numel, 0);
		StorageRef known = storages.putIfAbsent(key, root);
		if (known != null && !known.equals(root)) throw new PickleException(
			"storage " + key + " described twice");
		if (id.length > 5 && id[5] instanceof Object[] view) {
			long viewOffset = exactLong(view[1]);
			if (viewOffset < 0) throw new PickleException(
				"a storage view at a negative offset");
			return new StorageRef(key, type.dtype(), numel, viewOffset);
		}
		return root;
	}

	private CheckpointException refused(String what) {
		return new CheckpointException(file +
			" contains code or objects that are not tensor weights (" + what +
			"), so it is refused for safety: a checkpoint from an unknown source can run programs when PyTorch " +
			"loads it. Use a file that holds only a state dict of tensors, e.g. one saved with " +
			"torch.save(model.state_dict(), path).");
	}
}
