package io.durable.workflow.autoconfigure;

import java.util.Set;

import io.durable.workflow.journal.JournalStore;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/** Creates the journal store only after the database's schema scripts (ours included) ran. */
class JournalStoreDependsOnDatabaseInitializationDetector
		extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(JournalStore.class);
	}

}
