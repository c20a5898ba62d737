package io.durable.benchmarks;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * One line of benchmark output: {@code key=value} pairs separated by single spaces, in
 * the order they were added. Measures nothing itself; it only formats figures
 * (milliseconds with three decimals).
 */
final class ResultLine {

	private final StringJoiner pairs = new StringJoiner(" ");

	ResultLine add(String key, Object value) {
		String text = String.valueOf(value);
		if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException("The value of " + key + " must be one word, not '" + text + "'");
		}
		this.pairs.add(key + "=" + text);
		return this;
	}

	/** Adds every pair of another line. */
	ResultLine addAll(ResultLine other) {
		this.pairs.merge(other.pairs);
		return this;
	}

	/** A duration in nanoseconds as milliseconds with three decimals. */
	static String millis(double nanos) {
		return decimal(nanos / 1_000_000.0, 3);
	}

	/**
	 * A duration in nanoseconds as a multiple of the run's plain commit time, with two
	 * decimals.
	 */
	static String commits(double nanos, long commit) {
		return decimal(nanos / commit, 2);
	}

	/**
	 * A rate per second as the count per plain commit time, with three decimals: how many
	 * go by while one commit is made.
	 */
	static String perCommit(double perSecond, long commit) {
		return decimal(perSecond * commit / 1e9, 3);
	}

	static String decimal(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	@Override
	public String toString() {
		return this.pairs.toString();
	}

}
