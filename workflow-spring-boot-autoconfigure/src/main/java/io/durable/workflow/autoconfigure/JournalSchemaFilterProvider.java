package io.durable.workflow.autoconfigure;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.durable.workflow.journal.WorkflowEventEntity;
import io.durable.workflow.journal.WorkflowRunEntity;
import io.durable.workflow.journal.WorkflowStepEntity;
import jakarta.persistence.Table;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.tool.schema.internal.DefaultSchemaFilterProvider;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ClassUtils;

/**
 * Keeps Hibernate's schema management ({@code spring.jpa.hibernate.ddl-auto}
 * {@code create}, {@code create-drop}, {@code update}, truncation) off the journal's
 * tables: the schema script owns them, with defaults, identities, partial indexes and
 * triggers that no entity mapping describes. Validation ({@code validate}) still checks
 * them. Every other table is left to the application's own filter, if it configured one.
 */
final class JournalSchemaFilterProvider implements SchemaFilterProvider {

	private static final Set<String> JOURNAL_TABLES = Stream
		.of(WorkflowRunEntity.class, WorkflowStepEntity.class, WorkflowEventEntity.class)
		.map((entity) -> entity.getAnnotation(Table.class).name().toLowerCase(Locale.ROOT))
		.collect(Collectors.toUnmodifiableSet());

	private final SchemaFilterProvider application;

	private JournalSchemaFilterProvider(SchemaFilterProvider application) {
		this.application = application;
	}

	/**
	 * Puts this filter into Hibernate's properties, around the application's own if it
	 * set one.
	 * @param hibernateProperties the persistence unit's Hibernate properties
	 */
	static void install(Map<String, Object> hibernateProperties) {
		Object configured = hibernateProperties.get(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER);
		hibernateProperties.put(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER,
				new JournalSchemaFilterProvider(resolve(configured)));
	}

	private static SchemaFilterProvider resolve(@Nullable Object configured) {
		if (configured == null) {
			return DefaultSchemaFilterProvider.INSTANCE;
		}
		if (configured instanceof SchemaFilterProvider provider) {
			return provider;
		}
		Class<?> type = (configured instanceof Class<?> given) ? given
				: ClassUtils.resolveClassName(configured.toString().trim(), null);
		return BeanUtils.instantiateClass(type, SchemaFilterProvider.class);
	}

	@Override
	public SchemaFilter getCreateFilter() {
		return withoutJournal(this.application.getCreateFilter());
	}

	@Override
	public SchemaFilter getDropFilter() {
		return withoutJournal(this.application.getDropFilter());
	}

	@Override
	public SchemaFilter getTruncatorFilter() {
		return withoutJournal(this.application.getTruncatorFilter());
	}

	@Override
	public SchemaFilter getMigrateFilter() {
		return withoutJournal(this.application.getMigrateFilter());
	}

	@Override
	public SchemaFilter getValidateFilter() {
		return this.application.getValidateFilter();
	}

	private static SchemaFilter withoutJournal(SchemaFilter filter) {
		return new SchemaFilter() {

			@Override
			public boolean includeNamespace(Namespace namespace) {
				return filter.includeNamespace(namespace);
			}

			@Override
			public boolean includeTable(org.hibernate.mapping.Table table) {
				return !JOURNAL_TABLES.contains(table.getName().toLowerCase(Locale.ROOT)) && filter.includeTable(table);
			}

			@Override
			public boolean includeSequence(Sequence sequence) {
				return filter.includeSequence(sequence);
			}

		};
	}

}
