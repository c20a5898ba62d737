package io.durable.workflow.autoconfigure;

import java.util.Set;

import io.durable.workflow.journal.Journal;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/** Creates the journal only after the database's schema scripts (ours included) ran. */
class JournalDependsOnDatabaseInitializationDetector
		extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(Journal.class);
	}

}
