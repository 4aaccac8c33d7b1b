package org.latentj.nwb.jhdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.checksum.ChecksumUtils;

/**
 * Variable-length UTF-8 strings for files written by jhdf, which (0.13.0) writes fixed-length
 * strings only. pynwb writes every NWB string as a variable-length string and older pynwb (2.3.1)
 * cannot open a file whose root {@code nwb_version} is fixed-length; newer pynwb's validator
 * rejects a fixed-length {@code file_create_date}. So, as for {@link Hdf5SoftLinks}:
 * <ol>
 * <li>while writing, {@link #reserveAll} gives every object that holds strings room in its object
 * header: a placeholder attribute {@value #PLACEHOLDER} as long as the headers' growth can be (a
 * variable-length string datatype is 12 bytes longer than a fixed one, and each element becomes a
 * 16-byte global heap reference);
 * <li>once jhdf has closed the file (and soft links are in), {@link #convert} appends one global
 * heap collection ("GCOL") holding every string, then the references of each string dataset, at
 * the end of the file; rewrites each object header in place, its fixed-length string attributes
 * and datatype as variable-length ones (class 9 over unsigned bytes, as HDF5 encodes them), the
 * placeholder dropped and the room left as one NIL message; recomputes the header checksums; and
 * moves the superblock's end-of-file address and recomputes its checksum (Jenkins lookup3).
 * </ol>
 * Besides the appended heap and references, nothing in the file moves; the old bytes of the string
 * datasets stay as unused space. This relies on what jhdf writes: superblock version 2 or 3,
 * version 2 object headers with every message in the first chunk, version 3 attribute messages,
 * string datasets stored contiguously. Anything else is refused loudly.
 */
public final class Hdf5VlenStrings {
	private Hdf5VlenStrings() {
	}

	public static final String PLACEHOLDER = "latentj.vlen_room";

	private static final int MSG_NIL = 0x00;
	private static final int MSG_DATASPACE = 0x01;
	private static final int MSG_DATATYPE = 0x03;
	private static final int MSG_LAYOUT = 0x08;
	private static final int MSG_ATTRIBUTE = 0x0C;
	/** HDF5's smallest global heap collection (H5HG_MINSIZE). */
	private static final int HEAP_MIN = 4096;
	/** A variable-length UTF-8 string datatype over unsigned bytes, as HDF5 writes it; charset patched in. */
	private static final byte[] VLEN_STRING = { 0x19, 0x01, 0x01, 0x00, 16, 0, 0, 0, //
			0x10, 0x00, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 8, 0 };
	private static final int FIXED_TYPE_SIZE = 8;

	/** Adds room (a placeholder attribute) to every group and dataset under {@code root} that holds strings. */
	public static void reserveAll(WritableGroup root) {
		reserve(root);
	}

	private static void reserve(WritableNode node) {
		int room = 0;
		for (Attribute a : node.getAttributes().values())
			if (a.getJavaType() == String.class) room += VLEN_STRING.length - FIXED_TYPE_SIZE + 16 * (int) Math.max(1, a.getSize());
		if (node instanceof WritableDataset d && d.getJavaType() == String.class)
			room += VLEN_STRING.length - FIXED_TYPE_SIZE;
		if (room > 0) node.putAttribute(PLACEHOLDER, " ".repeat(room));
		if (node instanceof WritableGroup g)
			for (Node child : g.getChildren().values())
				if (child instanceof WritableNode w) reserve(w);
	}

	/** Turns every fixed-length string of a closed jhdf file with reserved room into a variable-length one. */
	public static void convert(Path file) throws IOException {
		Map<String, Long> headers = new LinkedHashMap<>();
		try (HdfFile h = new HdfFile(file)) {
			collect(h, headers);
		}
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			ByteBuffer sb = read(ch, 0, 48);
			if (sb.getLong(0) != 0x0A1A0A0D46444889L || (sb.get(8) != 2 && sb.get(8) != 3) || sb.get(9) != 8 || sb.get(10) != 8
					|| sb.getLong(12) != 0)
				throw new IOException("not a version 2/3 HDF5 superblock with 8-byte offsets at the start of " + file);
			long eof = sb.getLong(28);
			if (eof != ch.size()) throw new IOException("the end-of-file address of " + file + " is not its size");

			List<Header> parsed = new ArrayList<>();
			Heap heap = new Heap(align8(eof));
			for (Map.Entry<String, Long> e : headers.entrySet()) {
				Header hd = Header.parse(ch, e.getValue(), e.getKey());
				if (hd.hasPlaceholder()) {
					hd.collectStrings(ch, heap);
					parsed.add(hd);
				} else if (hd.hasFixedStrings())
					throw new IOException("no room reserved for variable-length strings in the object header of " + e.getKey());
			}
			if (parsed.isEmpty()) return;
			ByteBuffer heapBytes = heap.encode();
			long next = heap.address + heapBytes.capacity();
			write(ch, heap.address, heapBytes);
			for (Header hd : parsed) {
				next = hd.placeDatasetReferences(ch, heap, next);
				hd.rewrite(ch, heap);
			}
			sb.putLong(28, next);
			byte[] covered = new byte[44];
			sb.get(0, covered);
			sb.putInt(44, ChecksumUtils.checksum(covered));
			write(ch, 0, sb);
		}
	}

	private static void collect(Node n, Map<String, Long> headers) {
		if (n.isLink()) return;
		headers.put(n.getPath(), n.getAddress());
		if (n instanceof Group g)
			for (Node child : g.getChildren().values())
				collect(child, headers);
	}

	/** The strings to store, in order; each gets one object (index from 1) of one collection. */
	private static final class Heap {
		final long address;
		final List<byte[]> objects = new ArrayList<>();

		Heap(long address) {
			this.address = address;
		}

		int add(byte[] s) {
			objects.add(s);
			if (objects.size() > 65535) throw new IllegalStateException("too many strings for one global heap collection");
			return objects.size();
		}

		/** A collection as HDF5 writes it: header, objects (data padded to 8), free space as object 0. */
		ByteBuffer encode() {
			int used = 16;
			for (byte[] o : objects)
				used += 16 + align8(o.length);
			int size = Math.max(HEAP_MIN, used + 16);
			ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
			b.put("GCOL".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[3]).putLong(size);
			for (int i = 0; i < objects.size(); i++) {
				byte[] o = objects.get(i);
				b.putShort((short) (i + 1)).putShort((short) 0).putInt(0).putLong(o.length).put(o);
				b.position(b.position() + align8(o.length) - o.length);
			}
			b.putShort((short) 0).putShort((short) 0).putInt(0).putLong(size - used); // free space, its header included
			b.position(0);
			return b;
		}

		void putReference(ByteBuffer b, byte[] s, int index) {
			b.putInt(s.length).putLong(address).putInt(index);
		}
	}

	/** One object header's first chunk, as messages. */
	private static final class Header {
		final String path;
		final long address;
		final ByteBuffer oh;
		final int start, end, msgHeader;
		final List<int[]> messages = new ArrayList<>(); // type, offset of data, size, flags
		/** Per converted message (by index into messages): the strings and their heap indices. */
		final Map<Integer, byte[][]> strings = new LinkedHashMap<>();
		final Map<Integer, int[]> indices = new LinkedHashMap<>();
		long datasetReferences = -1;
		long datasetElements;

		private Header(String path, long address, ByteBuffer oh, int start, int end, int msgHeader) {
			this.path = path;
			this.address = address;
			this.oh = oh;
			this.start = start;
			this.end = end;
			this.msgHeader = msgHeader;
		}

		static Header parse(FileChannel ch, long address, String path) throws IOException {
			ByteBuffer head = read(ch, address, (int) Math.min(64, ch.size() - address));
			if (head.getInt(0) != 0x5244484F || head.get(4) != 2)
				throw new IOException("object header of " + path + " is not a version 2 header");
			int flags = head.get(5) & 0xff;
			int pos = 6;
			if ((flags & 0x20) != 0) pos += 16;
			if ((flags & 0x10) != 0) pos += 4;
			int sizeBytes = 1 << (flags & 0x03);
			long chunkSize = 0;
			for (int i = 0; i < sizeBytes; i++)
				chunkSize |= (long) (head.get(pos + i) & 0xff) << (8 * i);
			pos += sizeBytes;
			int msgHeader = (flags & 0x04) != 0 ? 6 : 4;
			int end = Math.toIntExact(pos + chunkSize);
			Header h = new Header(path, address, read(ch, address, end + 4), pos, end, msgHeader);
			for (int at = pos; at + msgHeader <= end;) {
				int type = h.oh.get(at) & 0xff;
				int size = h.oh.getShort(at + 1) & 0xffff;
				if (type == 0x10) throw new IOException("object header of " + path + " has continuation chunks");
				if (at + msgHeader + size > end) throw new IOException("object header of " + path + " is damaged");
				h.messages.add(new int[] { type, at + msgHeader, size, h.oh.get(at + 3) & 0xff });
				at += msgHeader + size;
			}
			return h;
		}

		boolean hasPlaceholder() {
			for (int[] m : messages)
				if (m[0] == MSG_ATTRIBUTE && PLACEHOLDER.equals(attributeName(m[1]))) return true;
			return false;
		}

		boolean hasFixedStrings() {
			for (int[] m : messages)
				if ((m[0] == MSG_ATTRIBUTE && isFixedString(m[1] + attributeTypeOffset(m[1])))
						|| (m[0] == MSG_DATATYPE && isFixedString(m[1])))
					return true;
			return false;
		}

		private boolean isFixedString(int typeAt) {
			return (oh.get(typeAt) & 0xff) == 0x13;
		}

		private int message(int type) throws IOException {
			for (int i = 0; i < messages.size(); i++)
				if (messages.get(i)[0] == type) return i;
			throw new IOException("object header of " + path + " has no message of type " + type);
		}

		/** Reads every fixed-length string this header holds (attributes, and the data of a string dataset). */
		void collectStrings(FileChannel ch, Heap heap) throws IOException {
			for (int i = 0; i < messages.size(); i++) {
				int[] m = messages.get(i);
				if (m[0] != MSG_ATTRIBUTE || PLACEHOLDER.equals(attributeName(m[1]))) continue;
				int typeAt = m[1] + attributeTypeOffset(m[1]);
				if (!isFixedString(typeAt)) continue;
				int spaceAt = typeAt + (oh.getShort(m[1] + 4) & 0xffff);
				int dataAt = spaceAt + (oh.getShort(m[1] + 6) & 0xffff);
				long n = elements(spaceAt);
				int len = oh.getInt(typeAt + 4);
				if (dataAt + n * len > m[1] + m[2]) throw new IOException("string attribute in " + path + " is damaged");
				store(i, oh, dataAt, n, len, heap);
			}
			int dt = -1;
			for (int i = 0; i < messages.size(); i++)
				if (messages.get(i)[0] == MSG_DATATYPE && isFixedString(messages.get(i)[1])) dt = i;
			if (dt < 0) return;
			int[] layout = messages.get(message(MSG_LAYOUT));
			if (oh.get(layout[1]) != 3 || oh.get(layout[1] + 1) != 1)
				throw new IOException("string dataset " + path + " is not stored contiguously");
			long n = elements(messages.get(message(MSG_DATASPACE))[1]);
			int len = oh.getInt(messages.get(dt)[1] + 4);
			long dataAddress = oh.getLong(layout[1] + 2);
			if (oh.getLong(layout[1] + 10) != n * len) throw new IOException("string dataset " + path + " has the wrong size");
			store(dt, read(ch, dataAddress, Math.toIntExact(n * len)), 0, n, len, heap);
		}

		private void store(int message, ByteBuffer b, int at, long n, int len, Heap heap) {
			byte[][] s = new byte[Math.toIntExact(n)][];
			int[] idx = new int[s.length];
			for (int k = 0; k < s.length; k++) {
				int l = 0;
				while (l < len && b.get(at + k * len + l) != 0)
					l++;
				s[k] = new byte[l];
				b.get(at + k * len, s[k]);
				idx[k] = heap.add(s[k]);
			}
			strings.put(message, s);
			indices.put(message, idx);
		}

		/** Writes a string dataset's references at {@code next}; returns the next free address. */
		long placeDatasetReferences(FileChannel ch, Heap heap, long next) throws IOException {
			for (Map.Entry<Integer, byte[][]> e : strings.entrySet()) {
				if (messages.get(e.getKey())[0] != MSG_DATATYPE) continue;
				byte[][] s = e.getValue();
				ByteBuffer b = ByteBuffer.allocate(16 * s.length).order(ByteOrder.LITTLE_ENDIAN);
				for (int k = 0; k < s.length; k++)
					heap.putReference(b, s[k], indices.get(e.getKey())[k]);
				b.flip();
				write(ch, next, b);
				datasetReferences = next;
				datasetElements = s.length;
				return next + b.capacity();
			}
			return next;
		}

		/** Writes the header back: strings converted, placeholder and NIL messages dropped, room as one NIL. */
		void rewrite(FileChannel ch, Heap heap) throws IOException {
			ByteBuffer out = ByteBuffer.allocate(oh.capacity()).order(ByteOrder.LITTLE_ENDIAN);
			byte[] prefix = new byte[start];
			oh.get(0, prefix);
			out.put(prefix);
			for (int i = 0; i < messages.size(); i++) {
				int[] m = messages.get(i);
				if (m[0] == MSG_NIL || (m[0] == MSG_ATTRIBUTE && PLACEHOLDER.equals(attributeName(m[1])))) continue;
				byte[] data = new byte[m[2]];
				oh.get(m[1], data);
				if (strings.containsKey(i)) data = m[0] == MSG_ATTRIBUTE ? vlenAttribute(m, i, heap) : vlenType(m[1]);
				else if (m[0] == MSG_LAYOUT && datasetReferences >= 0) {
					ByteBuffer l = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
					l.putLong(2, datasetReferences).putLong(10, 16L * datasetElements);
				}
				if (out.position() + msgHeader + data.length > end)
					throw new IOException("not enough room reserved for variable-length strings in " + path);
				out.put((byte) m[0]).putShort((short) data.length).put((byte) m[3]);
				if (msgHeader == 6) out.putShort((short) 0);
				out.put(data);
			}
			int rest = end - out.position();
			if (rest > 0 && rest < msgHeader) throw new IOException("object header of " + path + " would keep a gap");
			if (rest > 0) {
				out.put((byte) MSG_NIL).putShort((short) (rest - msgHeader)).put((byte) 0);
				if (msgHeader == 6) out.putShort((short) 0);
			}
			byte[] covered = new byte[end];
			out.get(0, covered);
			out.putInt(end, ChecksumUtils.checksum(covered));
			out.position(0);
			write(ch, address, out);
		}

		/** The attribute message with its fixed string datatype and data replaced by variable-length ones. */
		private byte[] vlenAttribute(int[] m, int i, Heap heap) {
			int at = m[1];
			int typeAt = at + attributeTypeOffset(at);
			int typeSize = oh.getShort(at + 4) & 0xffff;
			int spaceSize = oh.getShort(at + 6) & 0xffff;
			byte[][] s = strings.get(i);
			ByteBuffer b = ByteBuffer.allocate(typeAt - at + VLEN_STRING.length + spaceSize + 16 * s.length)
					.order(ByteOrder.LITTLE_ENDIAN);
			byte[] head = new byte[typeAt - at];
			oh.get(at, head);
			b.put(head).put(vlenType(typeAt));
			byte[] space = new byte[spaceSize];
			oh.get(typeAt + typeSize, space);
			b.put(space);
			for (int k = 0; k < s.length; k++)
				heap.putReference(b, s[k], indices.get(i)[k]);
			b.putShort(4, (short) VLEN_STRING.length);
			return b.array();
		}

		/** The variable-length string datatype with the fixed one's character set. */
		private byte[] vlenType(int fixedAt) {
			byte[] t = VLEN_STRING.clone();
			t[2] = (byte) ((oh.get(fixedAt + 1) >> 4) & 0x0f);
			return t;
		}

		/** Offset of the datatype in a version 3 attribute message (version 1 and 2 are not written by jhdf). */
		private int attributeTypeOffset(int at) {
			if (oh.get(at) != 3) throw new UncheckedIOException(new IOException("attribute message in " + path + " is not version 3"));
			return 9 + (oh.getShort(at + 2) & 0xffff);
		}

		private String attributeName(int at) {
			int nameSize = oh.getShort(at + 2) & 0xffff;
			if (oh.get(at) != 3 || nameSize == 0) return null;
			byte[] b = new byte[nameSize - 1];
			oh.get(at + 9, b);
			return new String(b, StandardCharsets.UTF_8);
		}

		/** Number of elements of the dataspace message at {@code at} (version 1 or 2). */
		private long elements(int at) throws IOException {
			int version = oh.get(at);
			int rank = oh.get(at + 1) & 0xff;
			if (version == 2 && oh.get(at + 3) == 0) return 1; // scalar
			int dims = version == 1 ? at + 8 : version == 2 ? at + 4 : -1;
			if (dims < 0) throw new IOException("dataspace in " + path + " has version " + version);
			long n = 1;
			for (int k = 0; k < rank; k++)
				n *= oh.getLong(dims + 8 * k);
			return n;
		}
	}

	private static int align8(int n) {
		return (n + 7) & ~7;
	}

	private static long align8(long n) {
		return (n + 7) & ~7L;
	}

	private static void write(FileChannel ch, long at, ByteBuffer b) throws IOException {
		b.position(0);
		while (b.hasRemaining())
			ch.write(b, at + b.position());
	}

	private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
		while (b.hasRemaining())
			if (ch.read(b, at + b.position()) < 0) break;
		b.flip();
		if (b.limit() < n) throw new IOException("object at " + at + " runs past the end of the file");
		return b;
	}
}
