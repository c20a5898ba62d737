package io.durable.workflow.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate creates, drops, updates and truncates every table but the journal's, and
 * validates them all; a filter the application configured itself still decides for its
 * own tables.
 */
class JournalSchemaFilterProviderTests {

	private static final Table RUNS = new Table("test", "workflow_run");

	private static final Table STEPS = new Table("test", "WORKFLOW_STEP");

	private static final Table EVENTS = new Table("test", "workflow_event");

	private static final Table ACCOUNTS = new Table("test", "account");

	private static final Table AUDIT = new Table("test", "audit_log");

	@Test
	void schemaManagementLeavesTheJournalAloneAndValidationChecksIt() {
		SchemaFilterProvider provider = installed(new HashMap<>());

		for (SchemaFilter managing : new SchemaFilter[] { provider.getCreateFilter(), provider.getDropFilter(),
				provider.getMigrateFilter(), provider.getTruncatorFilter() }) {
			assertThat(managing.includeTable(RUNS)).isFalse();
			assertThat(managing.includeTable(STEPS)).isFalse();
			assertThat(managing.includeTable(EVENTS)).isFalse();
			assertThat(managing.includeTable(ACCOUNTS)).isTrue();
		}
		assertThat(provider.getValidateFilter().includeTable(RUNS)).isTrue();
		assertThat(provider.getValidateFilter().includeTable(ACCOUNTS)).isTrue();
	}

	@Test
	void theApplicationsOwnFilterKeepsDecidingForItsTables() {
		Map<String, Object> properties = new HashMap<>();
		properties.put(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER, NoAuditLog.class.getName());
		SchemaFilterProvider provider = installed(properties);

		assertThat(provider.getCreateFilter().includeTable(AUDIT)).isFalse();
		assertThat(provider.getCreateFilter().includeTable(ACCOUNTS)).isTrue();
		assertThat(provider.getCreateFilter().includeTable(RUNS)).isFalse();
		assertThat(provider.getValidateFilter().includeTable(AUDIT)).isFalse();
		assertThat(provider.getValidateFilter().includeTable(RUNS)).isTrue();
	}

	@Test
	void anInstanceOrAClassOfTheApplicationsFilterIsTakenToo() {
		Map<String, Object> byClass = new HashMap<>(
				Map.of(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER, NoAuditLog.class));
		Map<String, Object> byInstance = new HashMap<>(
				Map.of(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER, new NoAuditLog()));

		assertThat(installed(byClass).getMigrateFilter().includeTable(AUDIT)).isFalse();
		assertThat(installed(byInstance).getMigrateFilter().includeTable(AUDIT)).isFalse();
	}

	private static SchemaFilterProvider installed(Map<String, Object> properties) {
		JournalSchemaFilterProvider.install(properties);
		return (SchemaFilterProvider) properties.get(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER);
	}

	/** An application's filter: Hibernate never touches its audit log. */
	public static class NoAuditLog implements SchemaFilterProvider {

		private static final SchemaFilter FILTER = new SchemaFilter() {

			@Override
			public boolean includeNamespace(Namespace namespace) {
				return true;
			}

			@Override
			public boolean includeTable(Table table) {
				return !table.getName().equals("audit_log");
			}

			@Override
			public boolean includeSequence(Sequence sequence) {
				return true;
			}

		};

		@Override
		public SchemaFilter getCreateFilter() {
			return FILTER;
		}

		@Override
		public SchemaFilter getDropFilter() {
			return FILTER;
		}

		@Override
		public SchemaFilter getTruncatorFilter() {
			return FILTER;
		}

		@Override
		public SchemaFilter getMigrateFilter() {
			return FILTER;
		}

		@Override
		public SchemaFilter getValidateFilter() {
			return FILTER;
		}

	}

}
