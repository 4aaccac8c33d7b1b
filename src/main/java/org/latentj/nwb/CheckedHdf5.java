package org.latentj.nwb;

import java.math.BigInteger;
import java.nio.file.Path;

import org.latentj.util.BadInputException;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;

/**
 * Checked access to the objects of one HDF5 file: every failure becomes a {@link BadInputException}
 * whose one sentence names the file and the HDF5 path ("In NWB file F, /p/q has type float32 but
 * ..."). Used by {@link MoSeqNwb} to validate a session's layout up front.
 */
final class CheckedHdf5 {
	private final Path file;
	private final HdfFile hdf;
	private final long fileSize;

	CheckedHdf5(Path file, HdfFile hdf) {
		this.file = file;
		this.hdf = hdf;
		long size;
		try {
			size = java.nio.file.Files.size(file);
		} catch (java.io.IOException e) {
			throw new BadInputException("The NWB file " + file + " cannot be read (" + e.getMessage() + ").", e);
		}
		this.fileSize = size;
	}

	/** Bytes in the file: nothing read may lie beyond. */
	long fileSize() {
		return fileSize;
	}

	/**
	 * Refuses a file that reaches outside itself (external links, virtual or externally stored
	 * datasets); call before any path is resolved.
	 */
	void requireSelfContained() {
		Hdf5Reach.requireSelfContained(this, hdf);
	}

	BadInputException bad(String hdfPath, String problem) {
		return new BadInputException("In NWB file " + file + ", " + hdfPath + " " + problem + ".");
	}

	BadInputException readFailure(String what, Throwable cause) {
		return new BadInputException("In NWB file " + file + ", " + what + " cannot be read (" + cause.getMessage()
				+ "); the file may be damaged.", cause);
	}

	/** The object at {@code path} (soft links followed), or null when there is none. */
	Node optionalNode(String path) {
		try {
			return hdf.getByPath(path);
		} catch (HdfInvalidPathException e) {
			return null;
		} catch (StackOverflowError e) {
			// jhdf follows soft links recursively: a cycle of links ends here
			throw bad(path, "is a soft link that loops (or passes through one)");
		} catch (BadInputException e) {
			throw e;
		} catch (RuntimeException e) {
			throw bad(path, "cannot be read (" + e.getMessage() + ")");
		}
	}

	void requireGroup(String path, String problemIfMissing) {
		Node n = optionalNode(path);
		if (n == null) throw new BadInputException("The NWB file " + file + " " + problemIfMissing + ": " + path + " is missing.");
		if (!(n instanceof Group)) throw bad(path, "is not a group");
	}

	Dataset optionalDataset(String path) {
		Node n = optionalNode(path);
		if (n == null) return null;
		if (!(n instanceof Dataset)) throw bad(path, "is a group, not a dataset");
		return (Dataset) n;
	}

	Dataset requireDataset(String path) {
		Dataset d = optionalDataset(path);
		if (d == null) throw bad(path, "is missing");
		return d;
	}

	void requireRank(Dataset d, int rank) {
		if (d.getDimensions().length != rank)
			throw bad(d.getPath(), "has shape " + shape(d) + " but should have " + rank + " dimension" + (rank > 1 ? "s" : ""));
	}

	/** The first dimension must be the number of frames (of MoSeq's frames dataset). */
	void requireLength(Dataset d, int frameCount) {
		int n = d.getDimensions()[0];
		if (n != frameCount)
			throw bad(d.getPath(), "has " + n + " rows but " + MoSeqLayout.data(MoSeqLayout.FRAMES) + " has " + frameCount + " frames");
	}

	void requireUint8Frames(Dataset d) {
		requireRank(d, 3);
		DataType t = d.getDataType();
		if (!(t instanceof FixedPoint) || t.getSize() != 1 || ((FixedPoint) t).isSigned())
			throw bad(d.getPath(), "has type " + typeName(d) + " but depth frames must be uint8");
		int[] dims = d.getDimensions();
		if (dims[1] < 1 || dims[2] < 1) throw bad(d.getPath(), "has empty frames (shape " + shape(d) + ")");
	}

	void requireFloat(Dataset d) {
		if (!(d.getDataType() instanceof FloatingPoint))
			throw bad(d.getPath(), "has type " + typeName(d) + " but should hold floating-point numbers");
	}

	void requireInteger(Dataset d) {
		if (!(d.getDataType() instanceof FixedPoint))
			throw bad(d.getPath(), "has type " + typeName(d) + " but labels must be integers");
	}

	void requireNumber(Dataset d) {
		DataType t = d.getDataType();
		if (!(t instanceof FixedPoint) && !(t instanceof FloatingPoint))
			throw bad(d.getPath(), "has type " + typeName(d) + " but should hold numbers");
	}

	static String typeName(Dataset d) {
		DataType t = d.getDataType();
		if (t instanceof FixedPoint) return (((FixedPoint) t).isSigned() ? "int" : "uint") + 8 * t.getSize();
		if (t instanceof FloatingPoint) return "float" + 8 * t.getSize();
		if (t instanceof StringData || t instanceof VariableLength) return "string";
		return t.getClass().getSimpleName().toLowerCase();
	}

	static String shape(Dataset d) {
		return ChunkBounds.shape(d.getDimensions());
	}

	/**
	 * The whole dataset, read by jhdf once {@link ChunkBounds#requireReadable} has bounded what that
	 * allocates and inflates (sizes, chunks, deflate streams), so that no file can exhaust memory.
	 */
	Object readFlat(Dataset d) {
		try {
			ChunkBounds.requireReadable(this, d);
			return d.getDataFlat();
		} catch (BadInputException e) {
			throw e;
		} catch (RuntimeException e) {
			throw readFailure(d.getPath(), e);
		}
	}

	/**
	 * A numeric dataset's values as doubles, whatever Java type jhdf reads its element type as
	 * (uint64 comes as BigInteger[]).
	 */
	double[] toDoubles(Object flat, String path) {
		if (flat instanceof double[]) return (double[]) flat;
		if (flat instanceof float[]) {
			float[] f = (float[]) flat;
			double[] out = new double[f.length];
			for (int i = 0; i < f.length; i++)
				out[i] = f[i];
			return out;
		}
		if (flat instanceof BigInteger[]) {
			BigInteger[] f = (BigInteger[]) flat;
			double[] out = new double[f.length];
			for (int i = 0; i < f.length; i++)
				out[i] = f[i].doubleValue();
			return out;
		}
		long[] v = integers(flat);
		if (v == null) throw bad(path, "does not hold numbers");
		double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++)
			out[i] = v[i];
		return out;
	}

	/**
	 * An integer dataset's values as longs, whatever Java type jhdf reads its element type as
	 * (int8 as byte[], uint8 and int16 as short[] or int[], uint32 as long[], uint64 as BigInteger[]).
	 *
	 * @param rowName what a row is called in messages, e.g. "frame"
	 */
	long[] toLongs(Object flat, String path, String rowName) {
		if (flat instanceof BigInteger[]) {
			BigInteger[] f = (BigInteger[]) flat;
			long[] out = new long[f.length];
			for (int i = 0; i < f.length; i++) {
				if (f[i].bitLength() > 63)
					throw bad(path, "holds the value " + f[i] + " at " + rowName + " " + i + ", outside the int64 range");
				out[i] = f[i].longValue();
			}
			return out;
		}
		long[] v = integers(flat);
		if (v == null) throw bad(path, "does not hold integers");
		return v;
	}

	/** Widens an array of Java integers; null when {@code flat} is something else. */
	private static long[] integers(Object flat) {
		if (flat instanceof long[]) return (long[]) flat;
		int n;
		long[] out;
		if (flat instanceof int[]) {
			int[] f = (int[]) flat;
			out = new long[n = f.length];
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else if (flat instanceof short[]) {
			short[] f = (short[]) flat;
			out = new long[n = f.length];
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else if (flat instanceof byte[]) {
			byte[] f = (byte[]) flat;
			out = new long[n = f.length];
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else return null;
		return out;
	}

	/** A string dataset's value, or null when absent or not a string (it is only shown to users). */
	String optionalString(String path) {
		try {
			Node n = optionalNode(path);
			if (!(n instanceof Dataset)) return null;
			Object v = ((Dataset) n).getData();
			if (v instanceof String[] && ((String[]) v).length > 0) return ((String[]) v)[0];
			return v instanceof String ? (String) v : null;
		} catch (RuntimeException e) {
			return null;
		}
	}
}
