package io.durable.workflow.engine.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Where a page of runs ended: the creation time and id of its last run, the keyset the
 * next page continues after. Opaque to callers (URL-safe base64).
 */
record RunCursor(Instant createdAt, String id) {

	static @Nullable RunCursor parse(@Nullable String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			int colon = text.indexOf(':');
			long micros = Long.parseLong(text.substring(0, colon));
			return new RunCursor(Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1000L)), text.substring(colon + 1));
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException ex) {
			throw new IllegalArgumentException(
					"Malformed cursor '" + cursor + "': pass a nextCursor() of a page of the same listing");
		}
	}

	@Override
	public String toString() {
		long micros = Math.addExact(Math.multiplyExact(this.createdAt.getEpochSecond(), 1_000_000L),
				this.createdAt.getNano() / 1000);
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((micros + ":" + this.id).getBytes(StandardCharsets.UTF_8));
	}

}
