package io.durable.workflow.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.ResolvableType;

/**
 * The names of the {@code workflow.*} properties, read from {@link WorkflowProperties}
 * the way Spring Boot binds it, so that they cannot drift from the class: a bean property
 * with a setter is a name, one with a getter only a group of names, and a map a group
 * under any key.
 */
final class WorkflowPropertyNames {

	private static final String ANY_KEY = "*";

	private static final List<ConfigurationPropertyName> NAMES = collect(ConfigurationPropertyName.of("workflow"),
			WorkflowProperties.class, new ArrayList<>());

	private WorkflowPropertyNames() {
	}

	/**
	 * Returns the known name closest to an unknown one, if it is close enough to be what
	 * was meant.
	 * @param unknown a name under {@code workflow} that no property has
	 * @return the closest known name, with the unknown name's map keys as they were
	 * written, or {@code null}
	 */
	static @Nullable String closestTo(ConfigurationPropertyName unknown) {
		String written = unknown.toString();
		ConfigurationPropertyName closest = null;
		int closestDistance = Math.max(2, written.length() / 4) + 1;
		for (ConfigurationPropertyName name : NAMES) {
			int distance = distance(written, withKeysOf(unknown, name, Form.DASHED));
			if (distance < closestDistance) {
				closest = name;
				closestDistance = distance;
			}
		}
		return (closest != null) ? withKeysOf(unknown, closest, Form.ORIGINAL) : null;
	}

	private static List<ConfigurationPropertyName> collect(ConfigurationPropertyName group, Class<?> type,
			List<ConfigurationPropertyName> names) {
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			Method getter = property.getReadMethod();
			Class<?> valueType = property.getPropertyType();
			if (getter == null || valueType == null) {
				continue;
			}
			ConfigurationPropertyName name = group.append(DataObjectPropertyName.toDashedForm(property.getName()));
			if (property.getWriteMethod() != null) {
				names.add(name);
			}
			else if (Map.class.isAssignableFrom(valueType)) {
				Class<?> entryType = ResolvableType.forMethodReturnType(getter).asMap().resolveGeneric(1);
				if (entryType != null) {
					collect(name.append("[" + ANY_KEY + "]"), entryType, names);
				}
			}
			else if (!BeanUtils.isSimpleValueType(valueType)) {
				collect(name, valueType, names);
			}
		}
		return names;
	}

	/**
	 * The known name with each map key taken from the unknown name, in the given form:
	 * dashed (as {@link ConfigurationPropertyName#toString()} writes names) to compare,
	 * original to show, since a map key's case matters.
	 */
	private static String withKeysOf(ConfigurationPropertyName unknown, ConfigurationPropertyName known, Form keyForm) {
		StringBuilder name = new StringBuilder();
		for (int i = 0; i < known.getNumberOfElements(); i++) {
			if (ANY_KEY.equals(known.getElement(i, Form.ORIGINAL)) && i < unknown.getNumberOfElements()) {
				String key = unknown.getElement(i, keyForm);
				name.append(key.contains(".") ? "[" + key + "]" : "." + key);
			}
			else {
				name.append((i > 0) ? "." : "").append(known.getElement(i, Form.DASHED));
			}
		}
		return name.toString();
	}

	/**
	 * Levenshtein distance: the fewest characters to insert, delete or replace to turn
	 * one into the other.
	 */
	private static int distance(String from, String to) {
		int[] previous = new int[to.length() + 1];
		int[] current = new int[to.length() + 1];
		for (int j = 0; j <= to.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= from.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= to.length(); j++) {
				int replace = previous[j - 1] + ((from.charAt(i - 1) == to.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] row = previous;
			previous = current;
			current = row;
		}
		return previous[to.length()];
	}

}
