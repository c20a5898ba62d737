package io.durable.workflow.engine.definition;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * A declared type that payloads are written and read as, with its prepared Jackson writer
 * and reader (both thread-safe, so they are built once per method, not per call).
 */
public record PayloadType(JavaType type, ObjectWriter writer, ObjectReader reader) {

	boolean isVoid() {
		return this.type.hasRawClass(void.class) || this.type.hasRawClass(Void.class);
	}

}
