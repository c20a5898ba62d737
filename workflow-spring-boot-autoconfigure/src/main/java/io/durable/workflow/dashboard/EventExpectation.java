package io.durable.workflow.dashboard;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.durable.workflow.EventDefinition;
import jakarta.validation.Constraint;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * What the value of an event a workflow declares must look like, for the dashboard's
 * form: its type, the JSON properties of that type with their constraints, and an example
 * to start from. The value itself is checked when it is sent, as any event value is.
 *
 * @param name the event name
 * @param type the value type's simple name
 * @param properties the type's properties, empty if its values are not JSON objects
 * @param example a JSON value of the type's shape
 */
public record EventExpectation(String name, String type, List<Property> properties, String example) {

	/** The constraint attributes worth showing, where a constraint has them. */
	private static final List<String> CONSTRAINT_ATTRIBUTES = List.of("value", "min", "max", "regexp");

	static EventExpectation of(EventDefinition<?> event) {
		Class<?> type = event.type();
		List<Property> properties = (kind(type) == Kind.OBJECT) ? properties(type) : List.of();
		String example = (kind(type) == Kind.OBJECT) ? properties.stream()
			.map((property) -> quote(property.name()) + ": " + property.example)
			.collect(Collectors.joining(", ", "{", "}")) : kind(type).example(type);
		return new EventExpectation(event.name(), type.getSimpleName(), properties, example);
	}

	private static List<Property> properties(Class<?> type) {
		List<Property> properties = new ArrayList<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				properties
					.add(Property.of(component.getName(), component.getType(), component, component.getAccessor()));
			}
			return properties;
		}
		ReflectionUtils.doWithFields(type,
				(field) -> properties.add(Property.of(field.getName(), field.getType(), field, getter(type, field))),
				(field) -> !Modifier.isStatic(field.getModifiers()));
		return properties;
	}

	private static AnnotatedElement getter(Class<?> type, Field field) {
		String suffix = Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
		Method getter = ReflectionUtils.findMethod(type, "get" + suffix);
		return (getter != null) ? getter : field;
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static Kind kind(Class<?> type) {
		if (type == String.class || type == Character.class || type == char.class || type.isEnum()
				|| type.getName().startsWith("java.time.") || type == UUID.class) {
			return Kind.STRING;
		}
		if (type == Boolean.class || type == boolean.class) {
			return Kind.BOOLEAN;
		}
		if (Number.class.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(type))) {
			return Kind.NUMBER;
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return Kind.ARRAY;
		}
		if (Map.class.isAssignableFrom(type) || type == Object.class || type.getName().startsWith("java.")) {
			return Kind.ANY;
		}
		return Kind.OBJECT;
	}

	/**
	 * A JSON property of an event's value.
	 *
	 * @param name the property name
	 * @param type its Java type's simple name
	 * @param constraints its Bean Validation constraints, as {@code @Name(value)}
	 * @param example an example JSON value
	 */
	public record Property(String name, String type, List<String> constraints, String example) {

		static Property of(String name, Class<?> type, AnnotatedElement... annotated) {
			List<String> constraints = Arrays.stream(annotated)
				.flatMap((element) -> Arrays.stream(element.getAnnotations()))
				.filter((annotation) -> annotation.annotationType().isAnnotationPresent(Constraint.class))
				.map(Property::describe)
				.distinct()
				.toList();
			return new Property(name, type.getSimpleName(), constraints, kind(type).example(type));
		}

		private static String describe(Annotation constraint) {
			List<String> attributes = new ArrayList<>();
			for (String attribute : CONSTRAINT_ATTRIBUTES) {
				Method method = ReflectionUtils.findMethod(constraint.annotationType(), attribute);
				if (method != null) {
					attributes.add(attribute + "=" + ReflectionUtils.invokeMethod(method, constraint));
				}
			}
			String shown = (attributes.size() == 1 && attributes.get(0).startsWith("value="))
					? attributes.get(0).substring("value=".length()) : String.join(", ", attributes);
			return "@" + constraint.annotationType().getSimpleName() + (shown.isEmpty() ? "" : "(" + shown + ")");
		}

	}

	/** The JSON a Java type reads from. */
	private enum Kind {

		STRING, BOOLEAN, NUMBER, ARRAY, OBJECT, ANY;

		String example(Class<?> type) {
			return switch (this) {
				case STRING -> type.isEnum() && type.getEnumConstants().length > 0
						? quote(((Enum<?>) type.getEnumConstants()[0]).name()) : "\"\"";
				case BOOLEAN -> "false";
				case NUMBER -> "0";
				case ARRAY -> "[]";
				case OBJECT, ANY -> "{}";
			};
		}

	}

}
