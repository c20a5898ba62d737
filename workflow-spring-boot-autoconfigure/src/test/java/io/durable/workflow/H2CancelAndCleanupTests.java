package io.durable.workflow;

class H2CancelAndCleanupTests extends CancelAndCleanupTests {

}
