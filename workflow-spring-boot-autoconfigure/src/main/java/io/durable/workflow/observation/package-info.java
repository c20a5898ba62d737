/**
 * The engine's Micrometer observations: their documentation, their contexts, and the
 * conventions that name them and tag them, each replaceable by a bean of its convention
 * interface.
 */
@NullMarked
package io.durable.workflow.observation;

import org.jspecify.annotations.NullMarked;
