package org.latentj.nwb;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.links.ExternalLink;

/**
 * Keeps reading inside one HDF5 file. An HDF5 external link names another file, which jhdf opens
 * the moment the link is resolved (a FIFO there hangs the reader forever; another NWB file there
 * is read as if it were this one). MoSeq NWB files need no external links, so every group is
 * walked once at open, without resolving any link, and the first external link found is refused
 * with its path and target; nothing else is ever resolved before that walk is done. Datasets whose
 * data lie in other files (virtual datasets, HDF5's "External Data Files" message) are refused by
 * jhdf itself when their header is read; the walk reads every header, so they are refused here too,
 * with a sentence saying so.
 */
final class Hdf5Reach {
	private Hdf5Reach() {
	}

	/** Walks the whole file from its root group; throws at the first external link or outside storage. */
	static void requireSelfContained(CheckedHdf5 h5, Group root) {
		walk(h5, root, "/", new HashSet<>());
	}

	private static void walk(CheckedHdf5 h5, Group g, String path, Set<Long> seen) {
		if (!seen.add(g.getAddress())) return; // a hard link back up the tree: already walked
		Map<String, Node> children;
		try {
			children = new TreeMap<>(g.getChildren());
		} catch (RuntimeException | StackOverflowError e) {
			String outside = outsideStorage(e);
			if (outside != null) throw h5.bad(path, "holds " + outside + "; MoSeq NWB files need none and LatentJ reads nothing outside the file");
			throw h5.bad(path, "cannot be read (" + rootMessage(e) + "); the file may be damaged");
		}
		for (Map.Entry<String, Node> e : children.entrySet()) {
			Node n = e.getValue();
			String childPath = (path.equals("/") ? "/" : path + "/") + e.getKey();
			if (n instanceof ExternalLink)
				throw h5.bad(childPath, "is an external link to " + ((ExternalLink) n).getTargetPath()
						+ " (another file); MoSeq NWB files need none, so LatentJ refuses the file without opening the target");
			if (n instanceof Group) walk(h5, (Group) n, childPath, seen); // soft links (io.jhdf.api.Link) are not followed
		}
	}

	/** What jhdf refused because its data lie outside the file, or null. */
	private static String outsideStorage(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			String m = String.valueOf(t.getMessage());
			if (m.contains("Virtual storage")) return "a virtual dataset (its data are in other files)";
			if (m.contains("External Data Files")) return "a dataset stored in external raw files";
		}
		return null;
	}

	private static String rootMessage(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t)
			t = t.getCause();
		return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
	}
}
