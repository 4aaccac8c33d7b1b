package org.latentj.nwb.jhdf;

import java.io.IOException;
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
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.checksum.ChecksumUtils;

/**
 * Soft links for files written by jhdf, which (0.13.0) writes hard links only. NWB needs soft links
 * where one object is shared: every series' {@code timestamps} points at one array, and an
 * ImageMaskSeries must link its {@code masked_imageseries}; pynwb cannot build an ImageMaskSeries
 * without it. So the writer first reserves room in the group with a placeholder attribute
 * ({@link #reserve}), and once jhdf has closed the file {@link #convert} rewrites each placeholder
 * message, in place, as an HDF5 soft-link message followed by a NIL (free space) message, then
 * recomputes the object header's checksum. Nothing else in the file moves.
 * <p>
 * This relies on what jhdf writes for groups: version 2 object headers ("OHDR") holding compact
 * link messages, every message in the first header chunk. Anything else is refused loudly.
 */
public final class Hdf5SoftLinks {
	private Hdf5SoftLinks() {
	}

	public static final String PLACEHOLDER = "latentj.soft_link.";

	private static final int MSG_NIL = 0x00;
	private static final int MSG_LINK = 0x06;
	private static final int MSG_ATTRIBUTE = 0x0C;

	/** Reserves room in {@code group} for a soft link {@code name} -> {@code target} (an absolute path). */
	public static void reserve(WritableGroup group, String name, String target) {
		if (!target.startsWith("/")) throw new IllegalArgumentException("soft link targets here are absolute: " + target);
		// the padding leaves room for the NIL message that fills what the link does not use
		group.putAttribute(PLACEHOLDER + name, target + " ".repeat(24));
	}

	/** Turns every placeholder of the given groups of a closed jhdf file into a soft link. */
	public static void convert(Path file, List<String> groupPaths) throws IOException {
		Map<String, Long> addresses = new LinkedHashMap<>();
		try (HdfFile h = new HdfFile(file)) {
			for (String p : groupPaths) {
				Node n = p.equals("/") ? h : h.getByPath(p);
				addresses.put(p, n.getAddress());
			}
		}
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			for (Map.Entry<String, Long> e : addresses.entrySet())
				if (convertHeader(ch, e.getValue()) == 0)
					throw new IOException("no soft-link placeholder found in the object header of " + e.getKey());
		}
	}

	/** @return the number of placeholders converted in the object header at {@code address} */
	private static int convertHeader(FileChannel ch, long address) throws IOException {
		ByteBuffer head = read(ch, address, (int) Math.min(64, ch.size() - address));
		if (head.get(0) != 'O' || head.get(1) != 'H' || head.get(2) != 'D' || head.get(3) != 'R' || head.get(4) != 2)
			throw new IOException("object header at " + address + " is not a version 2 header");
		int flags = head.get(5) & 0xff;
		int pos = 6;
		if ((flags & 0x20) != 0) pos += 16; // access, modification, change, birth times
		if ((flags & 0x10) != 0) pos += 4; // attribute phase change values
		int sizeBytes = 1 << (flags & 0x03);
		long chunkSize = 0;
		for (int i = 0; i < sizeBytes; i++)
			chunkSize |= (long) (head.get(pos + i) & 0xff) << (8 * i);
		pos += sizeBytes;
		boolean creationOrder = (flags & 0x04) != 0;
		int msgHeader = creationOrder ? 6 : 4;
		int total = Math.toIntExact(pos + chunkSize + 4); // messages, then the checksum
		ByteBuffer oh = read(ch, address, total);

		int converted = 0;
		List<int[]> slots = new ArrayList<>();
		for (int at = pos; at + msgHeader <= pos + chunkSize;) {
			int type = oh.get(at) & 0xff;
			int size = oh.getShort(at + 1) & 0xffff;
			if (type == MSG_ATTRIBUTE) slots.add(new int[] { at, size });
			at += msgHeader + size;
		}
		for (int[] slot : slots) {
			int at = slot[0], size = slot[1];
			String name = attributeName(oh, at + msgHeader);
			if (name == null || !name.startsWith(PLACEHOLDER)) continue;
			String target = attributeStringValue(oh, at + msgHeader, size).trim();
			byte[] link = softLinkMessage(name.substring(PLACEHOLDER.length()), target);
			int rest = size - link.length; // bytes left for the NIL message (header included)
			if (rest != 0 && rest < msgHeader)
				throw new IOException("placeholder for soft link " + name + " is too small");
			ByteBuffer slot0 = oh.duplicate().order(ByteOrder.LITTLE_ENDIAN);
			slot0.position(at);
			slot0.put((byte) MSG_LINK).putShort((short) link.length).put((byte) 0);
			if (creationOrder) slot0.putShort((short) 0);
			slot0.put(link);
			if (rest > 0) {
				slot0.put((byte) MSG_NIL).putShort((short) (rest - msgHeader)).put((byte) 0);
				if (creationOrder) slot0.putShort((short) 0);
				for (int i = 0; i < rest - msgHeader; i++)
					slot0.put((byte) 0);
			}
			converted++;
		}
		if (converted == 0) return 0;
		byte[] covered = new byte[total - 4];
		oh.get(0, covered);
		oh.putInt(total - 4, ChecksumUtils.checksum(covered));
		oh.position(0);
		while (oh.hasRemaining())
			ch.write(oh, address + oh.position());
		return converted;
	}

	/** The data of a link message (HDF5 spec IV.A.2.g) for a soft link. */
	private static byte[] softLinkMessage(String name, String target) {
		byte[] n = name.getBytes(StandardCharsets.UTF_8);
		byte[] t = target.getBytes(StandardCharsets.UTF_8);
		if (n.length > 255 || t.length > 65535) throw new IllegalArgumentException("link name or target too long");
		ByteBuffer b = ByteBuffer.allocate(5 + n.length + 2 + t.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 1); // version
		b.put((byte) (0x08 | 0x10)); // flags: link type and character set present; name length in 1 byte
		b.put((byte) 1); // link type: soft
		b.put((byte) 1); // character set: UTF-8
		b.put((byte) n.length).put(n);
		b.putShort((short) t.length).put(t); // soft link value: the target path
		return b.array();
	}

	/** Name of the attribute message whose data starts at {@code at} (versions 1-3), or null. */
	private static String attributeName(ByteBuffer oh, int at) {
		int version = oh.get(at) & 0xff;
		int nameSize = oh.getShort(at + 2) & 0xffff;
		int nameAt = version == 3 ? at + 9 : at + 8;
		if (version < 1 || version > 3 || nameSize == 0) return null;
		byte[] b = new byte[nameSize];
		oh.get(nameAt, b);
		int len = 0;
		while (len < b.length && b[len] != 0)
			len++;
		return new String(b, 0, len, StandardCharsets.UTF_8);
	}

	/** The value of a fixed-length string attribute (placeholders are those), read from its data. */
	private static String attributeStringValue(ByteBuffer oh, int at, int size) {
		int version = oh.get(at) & 0xff;
		int nameSize = oh.getShort(at + 2) & 0xffff;
		int typeSize = oh.getShort(at + 4) & 0xffff;
		int spaceSize = oh.getShort(at + 6) & 0xffff;
		int p = (version == 3 ? at + 9 : at + 8);
		if (version == 1) p += pad8(nameSize) + pad8(typeSize) + pad8(spaceSize);
		else p += nameSize + typeSize + spaceSize;
		int end = at + size;
		byte[] b = new byte[end - p];
		oh.get(p, b);
		int len = 0;
		while (len < b.length && b[len] != 0)
			len++;
		return new String(b, 0, len, StandardCharsets.UTF_8);
	}

	private static int pad8(int n) {
		return (n + 7) / 8 * 8;
	}

	private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
		while (b.hasRemaining())
			if (ch.read(b, at + b.position()) < 0) break;
		b.flip();
		if (b.limit() < n) throw new IOException("object header at " + at + " runs past the end of the file");
		return b;
	}
}
