package org.latentj.syllables;

/** One occurrence of a syllable: the session it is in (an index), its onset frame and its length in frames. */
public record SyllableInstance(int session, int onset, int duration) {
}
