/**
 * Workarounds for what jhdf 0.13.0 (io.jhdf:jhdf, pinned in pom.xml) lacks as an HDF5 writer, kept
 * here so that the rest of {@code org.latentj.nwb} uses jhdf's public API only:
 * <ul>
 * <li>{@link org.latentj.nwb.jhdf.ChildOrder}: jhdf writes a group's children in hash order and
 * appends its closing info block after the last dataset written, overwriting any group header
 * written after it; upstream has no way to order children, so the writer's private child maps are
 * reordered by reflection (datasets after subgroups).
 * <li>{@link org.latentj.nwb.jhdf.Hdf5SoftLinks}: jhdf writes hard links only, and NWB needs soft
 * links (shared timestamps, an ImageMaskSeries' {@code masked_imageseries}); placeholders reserved
 * while writing are rewritten, in place, as soft-link messages in the closed file.
 * <li>{@link org.latentj.nwb.jhdf.Hdf5VlenStrings}: jhdf writes fixed-length strings only, and pynwb
 * needs variable-length ones (issue 16); room reserved while writing takes the longer datatypes, the
 * strings go into one global heap collection appended to the closed file.
 * </ul>
 * All rely on jhdf 0.13.0's internals and file layout and fail loudly (IllegalStateException, or
 * an IOException naming the group) with any other version; MoSeqNwbWriterTest reads the written
 * files back and checks their soft links and layout against the shared sessions written by pynwb. Remove them when
 * jhdf can order children and write soft links and variable-length strings.
 */
package org.latentj.nwb.jhdf;
