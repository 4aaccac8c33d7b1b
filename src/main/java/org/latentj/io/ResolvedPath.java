package org.latentj.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A path as the operating system resolves it: what every check of an output against the inputs compares, and where
 * every output is then written. {@link Path#normalize()} alone is wrong for that: it drops {@code link/..} before the
 * link is followed, while the system follows the link first and then goes up from its target. So
 * {@code work/link/../traj.csv} (link to data/sub) was checked as work/traj.csv, not the input, while the model was
 * written over data/traj.csv, the training data it was fitted on (found in review, 2026-12-07).
 */
public final class ResolvedPath {

	private ResolvedPath() {
	}

	/**
	 * The longest leading part of {@code p} that exists, as the system finds it (links followed, then any '..' after
	 * them), by its real path; then the rest, which does not exist yet and so holds no link to follow.
	 */
	public static Path of(Path p) {
		Path abs = p.toAbsolutePath();
		Path root = abs.getRoot();
		int n = abs.getNameCount();
		for (int i = n; i > 0; i--) {
			Path head = root == null ? abs.subpath(0, i) : root.resolve(abs.subpath(0, i));
			if (!Files.exists(head)) continue; // follows links as the system does: a dangling link counts as missing
			Path real;
			try {
				real = head.toRealPath();
			} catch (IOException e) {
				real = head.normalize(); // unreadable on the way: the best that can be said
			}
			return i == n ? real : real.resolve(abs.subpath(i, n)).normalize();
		}
		return abs.normalize();
	}
}
