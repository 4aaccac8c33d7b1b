package org.latentj.ij1;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Former macro keys of a {@code @Parameter} field, still accepted so that recorded macros keep
 * working after a key is renamed: {@code @MacroAlias("session") @Parameter ... String sessions}
 * lets {@code run("Crowd Movie", "session=[a.nwb]")} set {@code sessions}. Only the field's own
 * name is recorded and shown in dialogs; the README's key table lists the aliases. Giving a key
 * and its alias together is refused (one value per key). ImageJ 1.x has no such mechanism (its
 * {@code Macro.getValue} matches a key or its first word only), hence this annotation, read by
 * {@link CommandSpec} and applied by {@link CommandRunner} before the unknown-key check.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface MacroAlias {
	/** The former keys (lowercase), never the name of another field of the command. */
	String[] value();
}
