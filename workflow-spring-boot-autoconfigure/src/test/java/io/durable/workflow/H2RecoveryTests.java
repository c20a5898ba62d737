package io.durable.workflow;

class H2RecoveryTests extends RecoveryTests {

}
