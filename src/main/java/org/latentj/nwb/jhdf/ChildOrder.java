package org.latentj.nwb.jhdf;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.jhdf.WritableGroupImpl;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableNode;

/**
 * Works around a jhdf 0.13.0 bug. When closing, jhdf appends a small info block at the channel's
 * current position, which is the end of the last dataset's data; when group headers were written
 * after that dataset (the root's children are written in hash order, and NWB's empty "acquisition"
 * and "analysis" groups come last), the block overwrites the first of them and the file is
 * corrupt. Writing every group's datasets after its subgroups makes a dataset the last object
 * written, so the block lands at the end of the file. jhdf offers no way to order children, hence
 * the reflection into its (pinned) internals: the private fields {@code WritableHdfFile.rootGroup}
 * and {@code WritableGroupImpl.children}.
 */
public final class ChildOrder {

	private ChildOrder() {
	}

	/** Reorders every group of {@code file} (before it is closed): subgroups first, then datasets, each by name. */
	public static void datasetsLast(WritableHdfFile file) {
		try {
			Field root = WritableHdfFile.class.getDeclaredField("rootGroup");
			root.setAccessible(true);
			Field children = WritableGroupImpl.class.getDeclaredField("children");
			children.setAccessible(true);
			reorder((WritableGroupImpl) root.get(file), children);
		} catch (ReflectiveOperationException | RuntimeException e) {
			throw new IllegalStateException("this jhdf version cannot be used to write NWB files (" + e + ")", e);
		}
	}

	@SuppressWarnings("unchecked")
	private static void reorder(WritableGroupImpl group, Field childrenField) throws IllegalAccessException {
		Map<String, WritableNode> children = (Map<String, WritableNode>) childrenField.get(group);
		Map<String, WritableNode> ordered = new LinkedHashMap<>();
		for (Map.Entry<String, WritableNode> e : new TreeMap<>(children).entrySet())
			if (e.getValue() instanceof WritableGroupImpl) {
				reorder((WritableGroupImpl) e.getValue(), childrenField);
				ordered.put(e.getKey(), e.getValue());
			}
		for (Map.Entry<String, WritableNode> e : new TreeMap<>(children).entrySet())
			if (!(e.getValue() instanceof WritableGroupImpl)) ordered.put(e.getKey(), e.getValue());
		childrenField.set(group, ordered);
	}
}
