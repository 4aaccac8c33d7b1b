package org.latentj.ij1;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @Parameter} that takes MoSeq sessions (a String of NWB paths, or a File): when the active image
 * is a session opened by LatentJ ({@link OpenSession}), its file is the value the dialog proposes, in
 * plain ImageJ and in Fiji, and the value a macro that leaves the key out gets. A macro that gives
 * the key, or a script that sets the input, is never overridden.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface DefaultsToOpenSession {
}
