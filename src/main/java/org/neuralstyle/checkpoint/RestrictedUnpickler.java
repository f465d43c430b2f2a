package org.neuralstyle.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles the pickles of a PyTorch checkpoint knowing only the globals a state dict needs.
 * A pickle names Python callables (GLOBAL, STACK_GLOBAL) and calls them (REDUCE); a malicious
 * checkpoint names {@code os.system} or {@code builtins.eval}. Every name is checked here against
 * a short list before anything is built, and anything else ends the read with a refusal, so a
 * checkpoint can only ever describe tensors. Tensors come out as {@link StoredTensor}s, storages as
 * {@link StorageRef}s (the pickle's persistent ids); no tensor data is read.
 */
final class RestrictedUnpickler extends Unpickler {

	private static final String TORCH_UTILS = "torch._utils.";

	private final Path file;
	/** Every storage the pickle referenced, by key: the file must hold each of them. */
	private final Map<String, StorageRef> storages = new LinkedHashMap<>();

	private RestrictedUnpickler(Path file) {
		this.file = file;
	}

	/** Result of one pickle: its object and the storages it referenced. */
	record Result(Object value, Map<String, StorageRef> storages) {
	}

	/**
	 * Reads one pickle from the stream, stopping right after its STOP opcode (legacy files hold
	 * several in a row).
	 */
	static Result load(InputStream in, Path file) throws IOException {
		RestrictedUnpickler unpickler = new RestrictedUnpickler(file);
		try {
			return new Result(unpickler.load(in), unpickler.storages);
		} catch (UncheckedIOException e) {
			throw e.getCause();
		} catch (EOFException e) {
			throw Checkpoints.damaged(file, "it ends in the middle of its index", e);
		} catch (CheckpointException e) {
			throw e;
		} catch (IOException e) {
			// Pyrolite reports a cut-off pickle as a plain IOException ("premature end of file").
			throw Checkpoints.damaged(file, "its index cannot be read: " + e.getMessage(), e);
		} catch (RuntimeException e) {
			// PickleException and the ClassCastException etc. a malformed pickle provokes.
			throw Checkpoints.damaged(file, "its index is malformed: " + e, e);
		}
	}

	@Override
	protected Object dispatch(short key) throws IOException {
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
			// Objects made from a class given by name, or from the extension registry: never part
			// of a state dict, and the way around the GLOBAL check.
			case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
				throw refused("an object built by opcode " + key);
			case Opcodes.BUILD -> build();
			// Pyrolite builds dicts as HashMaps; a state dict's order is the network's layer order.
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
			default -> {
				return super.dispatch(key);
			}
		}
		return NO_RETURN_VALUE;
	}

	/**
	 * A GLOBAL operand. Pyrolite's readline returns what it has at the end of the stream, which
	 * would turn a cut-off file into a refusal of a half name; a missing newline is a truncation.
	 */
	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b; (b = input.read()) != '\n'; ) {
			if (b < 0) throw new EOFException();
			line.append((char) b);
		}
		return line.toString();
	}

	private static void putPairs(Map<Object, Object> dict, List<Object> pairs) {
		for (int i = 0; i + 1 < pairs.size(); i += 2) dict.put(pairs.get(i), pairs.get(i + 1));
	}

	@SuppressWarnings("unchecked")
	private static Map<Object, Object> asMap(Object o) {
		if (o instanceof Map<?, ?> m) return (Map<Object, Object>) m;
		throw new PickleException("items set on a " + o.getClass().getSimpleName());
	}

	/**
	 * PyTorch attaches {@code _metadata} (per-module version numbers) to a state dict's
	 * OrderedDict as instance state. Reading weights does not need it, so the state of a dict is
	 * accepted and dropped; state for anything else is refused.
	 */
	private void build() throws CheckpointException {
		Object state = stack.pop();
		Object target = stack.peek();
		if (!(target instanceof Map) || !(state instanceof Map)) throw refused("object state for " + target);
	}

	private Object resolve(String module, String name) throws CheckpointException {
		String global = module + "." + name;
		switch (global) {
			case "collections.OrderedDict":
				return (IObjectConstructor) args -> {
					if (args.length != 0) throw new PickleException("OrderedDict with arguments");
					return new LinkedHashMap<>();
				};
			case TORCH_UTILS + "_rebuild_tensor": // PyTorch before 0.4
			case TORCH_UTILS + "_rebuild_tensor_v2":
				return (IObjectConstructor) RestrictedUnpickler::rebuildTensor;
			case TORCH_UTILS + "_rebuild_parameter":
			case TORCH_UTILS + "_rebuild_parameter_with_state":
				// A Parameter is its data plus autograd flags, which frozen weights do not need.
				return (IObjectConstructor) args -> {
					if (args.length < 1 || !(args[0] instanceof StoredTensor t))
						throw new PickleException("parameter without tensor data");
					return t;
				};
			default:
				String storageClass = module.equals("torch") || module.equals("torch.cuda") ? name : null;
				DType dtype = storageClass == null ? null : DType.ofStorageClass(storageClass);
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
		if (shape.length != stride.length) throw new PickleException("tensor shape and strides disagree");
		for (int i = 0; i < shape.length; i++)
			if (shape[i] < 0 || stride[i] < 0) throw new PickleException("negative shape or stride");
		long offset = ((Number) args[1]).longValue();
		return new StoredTensor(storage.key(), storage.dtype(), storage.viewOffset() + offset, shape, stride);
	}

	private static long[] longs(Object tuple) {
		Object[] items = (Object[]) tuple;
		long[] out = new long[items.length];
		for (int i = 0; i < out.length; i++) out[i] = ((Number) items[i]).longValue();
		return out;
	}

	/**
	 * Persistent ids name storages: {@code ("storage", type, key, location, numel)} in zip files,
	 * plus a view description {@code (viewKey, offset, size)} or None in legacy files.
	 */
	@Override
	protected Object persistentLoad(Object pid) {
		Object[] id = pid instanceof Object[] a ? a : new Object[] {pid};
		if (!"storage".equals(id[0])) {
			// Legacy files of whole modules carry their source code under "module" ids.
			throw new UncheckedIOException(refused("a persistent object of kind " + id[0]));
		}
		if (id.length < 5 || !(id[1] instanceof StorageType type) || !(id[2] instanceof String key))
			throw new PickleException("malformed storage reference");
		long numel = ((Number) id[4]).longValue();
		if (numel < 0) throw new PickleException("negative storage size");
		StorageRef root = new StorageRef(key, type.dtype(), numel, 0);
		StorageRef known = storages.putIfAbsent(key, root);
		if (known != null && !known.equals(root)) throw new PickleException("storage " + key + " described twice");
		if (id.length > 5 && id[5] instanceof Object[] view) {
			long viewOffset = ((Number) view[1]).longValue();
			return new StorageRef(key, type.dtype(), numel, viewOffset);
		}
		return root;
	}

	private CheckpointException refused(String what) {
		return new CheckpointException(file + " contains code or objects that are not tensor weights (" + what +
			"), so it is refused for safety: a checkpoint from an unknown source can run programs when PyTorch " +
			"loads it. Use a file that holds only a state dict of tensors, e.g. one saved with " +
			"torch.save(model.state_dict(), path).");
	}
}
