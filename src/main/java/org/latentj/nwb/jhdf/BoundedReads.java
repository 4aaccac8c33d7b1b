package org.latentj.nwb.jhdf;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import io.jhdf.storage.HdfFileChannel;

/**
 * Keeps jhdf's reads inside the file. jhdf (0.13) trusts every size and address it parses: a
 * damaged header or chunk index makes it map a region past the end of the file, which fails, after
 * which it reads every later region into a fresh heap buffer of the claimed size (the JDK then adds
 * a direct buffer of the same size): a one-byte change made opening a 30 KB file take seconds and
 * gigabytes. {@link #install} swaps the channel under an open {@link HdfFile} for one that refuses,
 * at once and with a runtime exception jhdf does not catch, any map or read that does not lie
 * wholly inside the file. jhdf offers no hook for this (its {@code HdfFile(FileChannel)}
 * constructor loses the file's path, which its error paths need), hence the reflection, isolated
 * here and checked by BoundedReadsTest.
 */
public final class BoundedReads {
	private BoundedReads() {
	}

	/** Thrown for a read outside the file; jhdf passes it on unchanged. */
	public static final class OutsideFileException extends HdfException {
		private static final long serialVersionUID = 1L;

		OutsideFileException(long at, long length, long size) {
			super("the file's structure points at bytes " + at + " to " + (at + length) + " but the file has " + size);
		}
	}

	/** Bounds the reads of a file opened with {@code new HdfFile(Path)}. */
	public static void install(HdfFile hdf) {
		try {
			Field storage = HdfFile.class.getDeclaredField("hdfBackingStorage");
			storage.setAccessible(true);
			Object s = storage.get(hdf);
			if (!(s instanceof HdfFileChannel)) throw new IllegalStateException("jhdf reads " + s.getClass().getName() + ", not a file channel");
			Field fc = HdfFileChannel.class.getDeclaredField("fc");
			fc.setAccessible(true);
			FileChannel inner = (FileChannel) fc.get(s);
			if (!(inner instanceof Bounded)) fc.set(s, new Bounded(inner));
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException("this jhdf version keeps its file channel elsewhere: " + e, e);
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** A read-only view of a channel whose reads and maps must lie inside the file. */
	private static final class Bounded extends FileChannel {
		private final FileChannel in;
		private final long size;

		Bounded(FileChannel in) throws IOException {
			this.in = in;
			this.size = in.size();
		}

		private void check(long at, long length) {
			if (at < 0 || length < 0 || at > size || length > size - at) throw new OutsideFileException(at, length, size);
		}

		@Override
		public int read(ByteBuffer dst, long position) throws IOException {
			check(position, dst.remaining());
			return in.read(dst, position);
		}

		@Override
		public MappedByteBuffer map(MapMode mode, long position, long length) throws IOException {
			check(position, length);
			return in.map(mode, position, length);
		}

		@Override
		public long size() {
			return size;
		}

		@Override
		public int read(ByteBuffer dst) throws IOException {
			check(in.position(), Math.min(dst.remaining(), Math.max(0, size - in.position())));
			return in.read(dst);
		}

		@Override
		public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
			return in.read(dsts, offset, length);
		}

		@Override
		public long position() throws IOException {
			return in.position();
		}

		@Override
		public FileChannel position(long newPosition) throws IOException {
			in.position(newPosition);
			return this;
		}

		@Override
		public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
			check(position, count);
			return in.transferTo(position, count, target);
		}

		@Override
		public void force(boolean metaData) {
			// read only: nothing to force
		}

		@Override
		public int write(ByteBuffer src) throws IOException {
			throw new IOException("LatentJ opens NWB files read-only");
		}

		@Override
		public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
			throw new IOException("LatentJ opens NWB files read-only");
		}

		@Override
		public int write(ByteBuffer src, long position) throws IOException {
			throw new IOException("LatentJ opens NWB files read-only");
		}

		@Override
		public FileChannel truncate(long newSize) throws IOException {
			throw new IOException("LatentJ opens NWB files read-only");
		}

		@Override
		public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
			throw new IOException("LatentJ opens NWB files read-only");
		}

		@Override
		public FileLock lock(long position, long size, boolean shared) throws IOException {
			return in.lock(position, size, shared);
		}

		@Override
		public FileLock tryLock(long position, long size, boolean shared) throws IOException {
			return in.tryLock(position, size, shared);
		}

		@Override
		protected void implCloseChannel() throws IOException {
			in.close();
		}
	}
}
