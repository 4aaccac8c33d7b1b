package org.latentj.bench;

/** Smoke check of the bench profile: prints the machine description every benchmark reports. */
public final class Hello {
	public static void main(String[] args) {
		System.out.println(Machine.describe());
	}
}
