package org.latentj.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second process for {@code OutputLockAcrossProcessesTest}: stages an output folder (taking its
 * lock), writes a file into the staging folder, prints "held" and sleeps with the lock held until
 * killed or {@code args[1]} milliseconds have passed (then it commits and releases).
 */
public final class HoldOutputLock {

	private HoldOutputLock() {
	}

	public static void main(String[] args) throws Exception {
		Path out = Path.of(args[0]);
		try (AtomicOutput.Staging st = AtomicOutput.stageFolder(out)) {
			Files.writeString(st.dir().resolve("other.csv"), "from the other process\n");
			System.out.println("held");
			System.out.flush();
			Thread.sleep(Long.parseLong(args[1]));
			st.commit();
		}
	}
}
