package org.latentj.io;

import java.nio.file.Path;
import java.util.Arrays;

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

	CheckedHdf5(Path file, HdfFile hdf) {
		this.file = file;
		this.hdf = hdf;
	}

	BadInputException bad(String hdfPath, String problem) {
		return new BadInputException("In NWB file " + file + ", " + hdfPath + " " + problem + ".");
	}

	BadInputException readFailure(String what, Throwable cause) {
		return new BadInputException("In NWB file " + file + ", " + what + " cannot be read (" + cause.getMessage()
				+ "); the file may be damaged.", cause);
	}

	Node optionalNode(String path) {
		try {
			return hdf.getByPath(path);
		} catch (HdfInvalidPathException e) {
			return null;
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
		return Arrays.toString(d.getDimensions()).replace('[', '(').replace(']', ')');
	}

	Object readFlat(Dataset d) {
		try {
			return d.getDataFlat();
		} catch (RuntimeException e) {
			throw readFailure(d.getPath(), e);
		}
	}

	double[] toDoubles(Object flat, String path) {
		if (flat instanceof double[]) return (double[]) flat;
		int n = java.lang.reflect.Array.getLength(flat);
		double[] out = new double[n];
		if (flat instanceof float[]) {
			float[] f = (float[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else if (flat instanceof long[]) {
			long[] f = (long[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else if (flat instanceof int[]) {
			int[] f = (int[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else if (flat instanceof short[]) {
			short[] f = (short[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else if (flat instanceof byte[]) {
			byte[] f = (byte[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else throw bad(path, "does not hold numbers");
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
