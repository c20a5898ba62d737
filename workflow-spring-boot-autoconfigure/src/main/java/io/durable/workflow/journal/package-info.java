/**
 * The journal: its tables' statements over one JDBC access path, and its JPA entities.
 * Internal API: it may change in any release.
 */
@NullMarked
package io.durable.workflow.journal;

import org.jspecify.annotations.NullMarked;
