package org.latentj.testing;

import java.nio.file.Path;

import org.latentj.model.hmm.SessionData;

import io.jhdf.HdfFile;

/**
 * Test-only reading of the shared MoSeq NWB sessions straight through jhdf (the project's NWB reader
 * lives in org.latentj.io; this keeps the HMM tests independent of it).
 */
public final class MoSeqSessions {
	private MoSeqSessions() {
	}

	public static final String[] NAMES = { "session_a", "session_b", "session_c" };

	public static Path path(String name) {
		return SharedData.require("data/moseq/" + name + ".nwb");
	}

	/** pcs_clean (T x 10) and the Scalars timestamps. */
	public static SessionData session(String name) {
		try (HdfFile f = new HdfFile(path(name))) {
			float[][] pcs = (float[][]) f.getDatasetByPath("/processing/MoSeq/PCs/pcs_clean/data").getData();
			double[] times = (double[]) f.getDatasetByPath("/processing/MoSeq/Scalars/angle/timestamps").getData();
			int t = pcs.length, d = pcs[0].length;
			double[] flat = new double[t * d];
			for (int i = 0; i < t; i++)
				for (int j = 0; j < d; j++) flat[i * d + j] = pcs[i][j];
			return new SessionData(name, flat, d, times);
		}
	}

	/** The raw PCs (NaN rows at dropped frames) as a session whose dropped frames are gaps. */
	public static SessionData rawSession(String name) {
		try (HdfFile f = new HdfFile(path(name))) {
			float[][] pcs = (float[][]) f.getDatasetByPath("/processing/MoSeq/PCs/pcs/data").getData();
			double[] times = (double[]) f.getDatasetByPath("/processing/MoSeq/Scalars/angle/timestamps").getData();
			int t = pcs.length, d = pcs[0].length;
			double[] flat = new double[t * d];
			for (int i = 0; i < t; i++)
				for (int j = 0; j < d; j++) flat[i * d + j] = pcs[i][j];
			return SessionData.withDroppedFrames(name, flat, d, times);
		}
	}

	/** The ground-truth labels_clean. */
	public static int[] labels(String name) {
		try (HdfFile f = new HdfFile(path(name))) {
			long[] l = (long[]) f.getDatasetByPath("/processing/MoSeq/Labels/labels_clean/data").getData();
			int[] out = new int[l.length];
			for (int i = 0; i < l.length; i++) out[i] = (int) l[i];
			return out;
		}
	}
}
