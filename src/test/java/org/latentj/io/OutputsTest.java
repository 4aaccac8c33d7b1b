package org.latentj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.testing.Mounts;
import org.latentj.util.BadInputException;

/**
 * The output rules of docs/promises.md on the shared helpers every command calls: outputs never
 * replace inputs, outputs whole or absent (replace, never merge; lock; no .partial left), odd outputs
 * refused in one sentence before any work.
 */
class OutputsTest {

	@TempDir
	Path tmp;

	private static String refused(Runnable r) {
		BadInputException e = assertThrows(BadInputException.class, r::run);
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
		return e.getMessage();
	}

	/**
	 * A link followed by '..' goes up from the link's target, as the system resolves it, not from the folder holding
	 * the link (a review wrote a model over its own training CSV through work/lnk/../traj.csv, and replaced a fit
	 * folder whose model.json was named through such a path).
	 */
	@Test
	void aLinkThenDotDotIsResolvedAsTheSystemResolvesIt() throws IOException {
		Path sub = Files.createDirectories(tmp.resolve("data/sub"));
		Path traj = Files.writeString(tmp.resolve("data/traj.csv"), "a\n1\n");
		Path lnk = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("work")).resolve("lnk"), sub);
		File sneaky = new File(lnk + "/../traj.csv");
		assertEquals(traj.toRealPath(), ResolvedPath.of(sneaky.toPath()));
		String m = refused(() -> Outputs.checkFile(sneaky, traj));
		assertTrue(m.contains("is the input"), m);
		// the input named through the link, the output plainly: the output folder holds the input
		Path fit = Files.createDirectories(tmp.resolve("data/fit"));
		Files.writeString(fit.resolve("model.json"), "{}");
		m = refused(() -> Outputs.checkFolder(fit.toFile(), lnk + "/../fit/model.json"));
		assertTrue(m.contains("contains the input"), m);
		// and a write through such a path lands where the check looked
		AtomicOutput.writeFile(tmp.resolve("work/lnk/../new.csv"), f -> Files.writeString(f, "b\n"));
		assertEquals("b\n", Files.readString(tmp.resolve("data/new.csv")));
		assertFalse(Files.exists(tmp.resolve("work/new.csv")));
		try (CsvWriter w = new CsvWriter(tmp.resolve("work/lnk/../more.csv"), "c")) {
			w.commit();
		}
		assertTrue(Files.exists(tmp.resolve("data/more.csv")));
	}

	/** Names that merely end like LatentJ's temporaries are the user's: such a folder is not replaced. */
	@Test
	void onlyLatentJsOwnLeftoversMakeAFolderReplaceable() throws IOException {
		for (String users : new String[] { "notes.old", "Pipfile.lock", "download.partial", ".config.old" }) {
			Path folder = Files.createDirectories(tmp.resolve("u-" + users));
			Files.writeString(folder.resolve(users), "mine");
			String m = refused(() -> Outputs.checkFolder(folder.toFile()));
			assertTrue(m.contains("did not write (such as " + users + ")"), m);
		}
		Path ours = Files.createDirectories(tmp.resolve("ours"));
		for (String n : new String[] { ".latentj.123-9f.partial", ".latentj.123-9f.old", ".ours.lock", ".labels.4711-1a2b3c.partial",
				".model.json.4711-ff.old" })
			Files.createDirectory(ours.resolve(n));
		Outputs.checkFolder(ours.toFile());
	}

	/** A desktop's own files (Finder's .DS_Store, Explorer's Thumbs.db) do not make a folder the user's. */
	@Test
	void aDesktopsMetadataDoesNotBlockTheNextRun() throws IOException {
		Path looked = Files.createDirectories(tmp.resolve("looked-at"));
		for (String n : new String[] { ".DS_Store", "._model.json", "Thumbs.db", "desktop.ini", ".directory" })
			Files.writeString(looked.resolve(n), "x");
		Outputs.checkFolder(looked.toFile()); // an empty folder a desktop has shown
		try (AtomicOutput.Staging st = AtomicOutput.stageFolder(looked)) {
			Files.writeString(st.dir().resolve("a.csv"), "a\n");
			st.commit();
		}
		Files.writeString(looked.resolve(".DS_Store"), "x"); // the user looked at the output
		Outputs.checkFolder(looked.toFile());
		Files.writeString(looked.resolve("notes.txt"), "mine");
		String m = refused(() -> Outputs.checkFolder(looked.toFile()));
		assertTrue(m.contains("holds notes.txt, which LatentJ did not write there"), m);
	}

	/** Replacing a file is a rename, which ignores the file's own mode: a write-protected output is refused instead. */
	@Test
	void aWriteProtectedOutputFileIsRefused() throws IOException {
		Path kept = Files.writeString(tmp.resolve("recording.nwb"), "real data");
		assertTrue(kept.toFile().setWritable(false));
		try {
			String m = refused(() -> Outputs.checkFile(kept.toFile()));
			assertTrue(m.contains("is write-protected"), m);
		} finally {
			kept.toFile().setWritable(true);
		}
		Outputs.checkFile(kept.toFile()); // writable again: replacing an output file is the rule
	}

	@Test
	void anOutputThatIsContainsOrLiesInsideAnInputIsRefusedNamingBoth() throws IOException {
		Path data = Files.writeString(tmp.resolve("x.csv"), "a\n1\n");
		Path folder = Files.createDirectories(tmp.resolve("sessions"));
		Path s1 = Files.writeString(folder.resolve("s1.nwb"), "n");
		String m = refused(() -> Outputs.checkFile(data.toFile(), data.toFile()));
		assertTrue(m.contains("is the input") && m.contains(data.toString()), m);
		// through '..' and a symbolic link
		Path link = Files.createSymbolicLink(tmp.resolve("link"), folder);
		m = refused(() -> Outputs.checkFile(new File(tmp + "/sessions/../sessions/s1.nwb"), s1));
		assertTrue(m.contains("is the input"), m);
		m = refused(() -> Outputs.checkFile(link.resolve("s1.nwb").toFile(), s1));
		assertTrue(m.contains("is the input"), m);
		// a hard link is the same file
		Path hard = Files.createLink(tmp.resolve("hard.csv"), data);
		refused(() -> Outputs.checkFile(hard.toFile(), data));
		// a folder output that holds an input, or one inside an input folder (given as a ';' list)
		m = refused(() -> Outputs.checkFolder(folder.toFile(), List.of(s1)));
		assertTrue(m.contains("contains the input " + s1), m);
		m = refused(() -> Outputs.checkFolder(link.resolve("out").toFile(), "nwb;" + folder));
		assertTrue(m.contains("lies inside the input"), m);
		// beside the inputs is fine, and words like 'nwb' name no input
		Outputs.checkFolder(tmp.resolve("fit").toFile(), s1, "nwb", null);
		Outputs.checkFile(tmp.resolve("y.csv").toFile(), data);
	}

	@Test
	void oddOutputsAreOneSentenceBeforeTheWork() throws IOException {
		assertTrue(refused(() -> Outputs.checkFolder(new File("/"))).contains("root of the file system"));
		String longName = "n".repeat(300);
		assertTrue(refused(() -> Outputs.checkFolder(tmp.resolve(longName).toFile())).contains("300 bytes long"));
		assertTrue(refused(() -> Outputs.checkFile(new File("/proc/x"))).contains("proc"));
		if (Files.isDirectory(Path.of("/sys/kernel")))
			assertTrue(refused(() -> Outputs.checkFolder(new File("/sys/kernel/x"))).contains("sysfs"));
		assertTrue(refused(() -> Outputs.checkFile(new File("/dev/null"))).contains("device or pipe"));
		Path file = Files.writeString(tmp.resolve("f.txt"), "x");
		assertTrue(refused(() -> Outputs.checkFolder(file.resolve("out").toFile())).contains("is a file, not a folder"));
		assertTrue(refused(() -> Outputs.checkFolder(file.toFile())).contains("is a file, not a folder"));
	}

	@Test
	void aFolderIsReplacedWholeNeverMerged() throws IOException {
		Path out = tmp.resolve("fit");
		try (AtomicOutput.Staging s = AtomicOutput.stageFolder(out)) {
			Files.createDirectories(s.dir().resolve("labels"));
			Files.writeString(s.dir().resolve("labels/s1.csv"), "old");
			Files.writeString(s.dir().resolve("labels/s2.csv"), "old");
			s.commit();
		}
		try (AtomicOutput.Staging s = AtomicOutput.stageFolder(out)) {
			Files.createDirectories(s.dir().resolve("labels"));
			Files.writeString(s.dir().resolve("labels/s1.csv"), "new");
			s.commit();
		}
		assertEquals("new", Files.readString(out.resolve("labels/s1.csv")));
		assertFalse(Files.exists(out.resolve("labels/s2.csv")), "the old run's s2.csv was merged into the new output");
		assertEquals(List.of("fit"), names(tmp), "only the output remains, no lock, .partial or .old");
	}

	@Test
	void aFolderLatentJDidNotWriteIsNeverReplaced() throws IOException {
		Path desktop = Files.createDirectories(tmp.resolve("Desktop"));
		Files.writeString(desktop.resolve("thesis.docx"), "years of work");
		String m = refused(() -> Outputs.checkFolder(desktop.toFile()));
		assertTrue(m.contains("thesis.docx"), m);
		assertThrows(BadInputException.class, () -> AtomicOutput.stageFolder(desktop).close());
		assertEquals("years of work", Files.readString(desktop.resolve("thesis.docx")));
		// an empty folder (made in the GUI's folder chooser) is fine
		Outputs.checkFolder(Files.createDirectories(tmp.resolve("empty")).toFile());
	}

	/**
	 * The marker lists what the run wrote at top level: a notebook the user put beside a fit afterwards makes the next
	 * run into that folder refuse, naming it, instead of deleting it with the folder (found in review 2026-12-07).
	 */
	@Test
	void aFileTheUserAddedToAnOutputFolderIsNeverDeleted() throws IOException {
		Path out = tmp.resolve("fit");
		try (AtomicOutput.Staging s = AtomicOutput.stageFolder(out)) {
			Files.createDirectories(s.dir().resolve("labels"));
			Files.writeString(s.dir().resolve("labels/s1.csv"), "old");
			Files.writeString(s.dir().resolve("model.json"), "{}");
			Files.writeString(s.dir().resolve("odd\nname %+.csv"), "a name with a newline");
			s.commit();
		}
		assertEquals(List.of(".latentj-output", "labels", "model.json", "odd\nname %+.csv"), names(out));
		Files.writeString(out.resolve("notes.txt"), "my notes");
		String m = refused(() -> Outputs.checkFolder(out.toFile()));
		assertEquals("The output folder " + out + " holds notes.txt, which LatentJ did not write there; LatentJ replaces an output folder whole,"
				+ " so move it or give another folder.", m);
		assertThrows(BadInputException.class, () -> AtomicOutput.stageFolder(out).close());
		assertEquals("my notes", Files.readString(out.resolve("notes.txt")));
		assertEquals("old", Files.readString(out.resolve("labels/s1.csv")), "the refused run left the old output as it was");
		assertEquals(List.of("fit"), names(tmp), "no lock or staging folder left by the refused run");
		// a file added while a run is working is caught when it commits
		Files.delete(out.resolve("notes.txt"));
		try (AtomicOutput.Staging s = AtomicOutput.stageFolder(out)) {
			Files.writeString(out.resolve("analysis.ipynb"), "{}");
			m = refused(() -> {
				try {
					s.commit();
				} catch (IOException e) {
					throw new AssertionError(e);
				}
			});
			assertTrue(m.contains("holds analysis.ipynb"), m);
		}
		assertEquals(List.of(".latentj-output", "analysis.ipynb", "labels", "model.json", "odd\nname %+.csv"), names(out));
	}

	/** Nothing added: the next run replaces the folder whole as before, and its marker lists only what it wrote. */
	@Test
	void aSecondRunWithNothingAddedReplacesTheFolderWhole() throws IOException {
		Path out = tmp.resolve("fit");
		try (AtomicOutput.Staging s = AtomicOutput.stageFolder(out)) {
			Files.writeString(s.dir().resolve("model.json"), "{\"old\":1}");
			Files.writeString(s.dir().resolve("old-only.csv"), "old");
			s.commit();
		}
		try (AtomicOutput.Staging s = AtomicOutput.stageFolder(out)) {
			Files.writeString(s.dir().resolve("model.json"), "{}");
			s.commit();
		}
		assertEquals(List.of(".latentj-output", "model.json"), names(out), "the old run's old-only.csv was merged");
		assertEquals("{}", Files.readString(out.resolve("model.json")));
		assertEquals(java.util.Set.of(AtomicOutput.MARKER, "model.json"), AtomicOutput.manifest(out.resolve(AtomicOutput.MARKER)));
		// so old-only.csv, were it put back by the user, is the user's now
		Files.writeString(out.resolve("old-only.csv"), "kept by the user");
		assertTrue(refused(() -> Outputs.checkFolder(out.toFile())).contains("holds old-only.csv"));
	}

	/** A marker written before the manifest (its one line) keeps the old rule: the folder is LatentJ's, replaceable. */
	@Test
	void anOldMarkerWithoutManifestStillMakesTheFolderReplaceable() throws IOException {
		Path out = Files.createDirectories(tmp.resolve("fit"));
		Files.writeString(out.resolve(AtomicOutput.MARKER), "A LatentJ output folder: the next LatentJ command that writes here replaces it whole.\n");
		Files.writeString(out.resolve("model.json"), "{\"old\":1}");
		Files.writeString(out.resolve("whatever.csv"), "x");
		Outputs.checkFolder(out.toFile());
		try (AtomicOutput.Staging s = AtomicOutput.stageFolder(out)) {
			Files.writeString(s.dir().resolve("model.json"), "{}");
			s.commit();
		}
		assertEquals(List.of(".latentj-output", "model.json"), names(out));
		assertTrue(Files.readString(out.resolve(AtomicOutput.MARKER)).startsWith("A LatentJ output folder: "));
	}

	@Test
	void aSecondRunIntoTheSameOutputFailsAtOnce() throws IOException {
		Path out = tmp.resolve("fit");
		try (AtomicOutput.Staging first = AtomicOutput.stageFolder(out)) {
			String m = refused(() -> {
				try {
					AtomicOutput.stageFolder(out).close();
				} catch (IOException e) {
					throw new AssertionError(e);
				}
			});
			assertTrue(m.contains("Another LatentJ run") && m.contains(out.toString()), m);
			Files.writeString(first.dir().resolve("a.csv"), "first");
			first.commit();
		}
		assertEquals("first", Files.readString(out.resolve("a.csv")));
	}

	@Test
	void aFailedRunLeavesNothingAndStaleLeftoversOfADeadRunAreRemoved() throws IOException {
		Path out = tmp.resolve("fit");
		assertThrows(IllegalStateException.class, () -> {
			try (AtomicOutput.Staging s = AtomicOutput.stageFolder(out)) {
				Files.writeString(s.dir().resolve("a.csv"), "half");
				throw new IllegalStateException("the fit failed");
			}
		});
		assertEquals(List.of(), names(tmp));
		assertThrows(BadInputException.class, () -> AtomicOutput.writeFile(tmp.resolve("b.csv"), p -> {
			Files.writeString(p, "half");
			throw new IOException("disk trouble");
		}));
		assertEquals(List.of(), names(tmp));
		// a run that died (kill -9) left its lock, staging folder and a temporary file: the next run removes them
		Files.writeString(tmp.resolve(".fit.lock"), "999999999@" + host() + "\n");
		Files.createDirectories(tmp.resolve(".fit.999999999-1.partial/labels"));
		Files.writeString(tmp.resolve(".fit.999999999-1.partial/labels/s.csv"), "x".repeat(1000));
		Files.writeString(tmp.resolve(".other.csv.1-1.partial"), "not ours");
		try (AtomicOutput.Staging s = AtomicOutput.stageFolder(out)) {
			s.commit();
		}
		assertEquals(List.of(".other.csv.1-1.partial", "fit"), names(tmp));
	}

	@Test
	void aFileIsWrittenWholeAndFailuresNameItInOneSentence() throws IOException {
		Path f = tmp.resolve("x.csv");
		Files.writeString(f, "old,whole\n");
		assertThrows(java.io.UncheckedIOException.class, () -> {
			try (CsvWriter w = new CsvWriter(f, "a")) {
				w.row(1);
				throw new java.io.UncheckedIOException(new java.nio.file.FileSystemException(f.toString(), null, "No space left on device"));
			}
		});
		assertEquals("old,whole\n", Files.readString(f), "the old file stays whole");
		assertEquals(List.of("x.csv"), names(tmp));
		assertEquals("Cannot write " + f + " (no space left on device).",
				AtomicOutput.writeFailure(f, new java.nio.file.FileSystemException(f + ".1.partial", null, "No space left on device")).getMessage());
	}

	/**
	 * The real thing: a 64 kB tmpfs fills up while a folder output is written. Needs root (mount);
	 * skipped elsewhere with the reason.
	 */
	@Test
	void aFullDiskIsOneSentenceAndLeavesNoPartialOutput() throws Exception {
		Path mount = Files.createDirectories(tmp.resolve("small"));
		org.junit.jupiter.api.Assumptions.assumeTrue(Mounts.mount(mount, "size=64k"), "cannot mount a tmpfs here (not root): disk-full case not run");
		try {
			Path out = mount.resolve("fit");
			BadInputException e = assertThrows(BadInputException.class, () -> {
				try (AtomicOutput.Staging s = AtomicOutput.stageFolder(out)) {
					try (CsvWriter w = new CsvWriter(s.dir().resolve("labels.csv"), "frame", "label")) {
						for (int i = 0; i < 100_000; i++) w.row(i, i % 7);
						w.commit();
					}
					s.commit();
				}
			});
			assertTrue(e.getMessage().equals("Cannot write " + out.resolve("labels.csv") + " (no space left on device)."), e.getMessage());
			assertEquals(List.of(), names(mount), "nothing left on the full disk");
		} finally {
			Mounts.unmount(mount);
		}
	}

	/** /scratch/$USER on a cluster: the folder is writable, its parent is not. */
	@Test
	void aWritableFolderInAReadOnlyParentIsWrittenInPlace() throws Exception {
		Path parent = Files.createDirectories(tmp.resolve("scratch"));
		org.junit.jupiter.api.Assumptions.assumeTrue(Mounts.mount(parent, "size=1m"), "cannot mount a tmpfs here (not root): case not run");
		Path user = Files.createDirectories(parent.resolve("user"));
		try {
			assertTrue(Mounts.mount(user, "size=1m"));
			try {
				assertTrue(Mounts.remount(parent, "ro"));
				assertTrue(Outputs.probe(parent) != null, "the parent must refuse new files for this test");
				Outputs.checkFolder(user.toFile());
				for (String content : new String[] { "first", "second" })
					try (AtomicOutput.Staging s = AtomicOutput.stageFolder(user)) {
						Files.writeString(s.dir().resolve(content + ".csv"), content);
						s.commit();
					}
				assertEquals(List.of(AtomicOutput.MARKER, "second.csv"), names(user));
				// its manifest lists what the run wrote, not the staging folder, the lock or the old contents
				assertEquals(java.util.Set.of(AtomicOutput.MARKER, "second.csv"), AtomicOutput.manifest(user.resolve(AtomicOutput.MARKER)));
				Files.writeString(user.resolve("notes.txt"), "mine");
				assertTrue(refused(() -> Outputs.checkFolder(user.toFile())).contains("holds notes.txt"));
				assertThrows(BadInputException.class, () -> AtomicOutput.stageFolder(user).close());
				assertEquals(List.of(AtomicOutput.MARKER, "notes.txt", "second.csv"), names(user));
				// and a read-only output is refused before the work
				assertTrue(refused(() -> Outputs.checkFolder(parent.resolve("new").toFile())).contains("read-only"));
			} finally {
				Mounts.unmount(user);
			}
		} finally {
			Mounts.unmount(parent);
		}
	}

	public static List<String> names(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	private static String host() {
		String h = System.getenv("HOSTNAME");
		if (h != null && !h.isEmpty()) return h;
		try {
			return java.net.InetAddress.getLocalHost().getHostName();
		} catch (IOException e) {
			return "localhost";
		}
	}

	@Test
	void textsAreCut() {
		String digits = "1".repeat(10_000_000);
		String c = org.latentj.util.Texts.cut(digits, 40);
		assertEquals(40 + "… (10000000 characters)".length(), c.length());
		assertArrayEquals("14.7 GB".getBytes(StandardCharsets.UTF_8), org.latentj.util.Texts.bytes(14_700_000_000L).getBytes(StandardCharsets.UTF_8));
	}
}
