package io.durable.workflow;

class H2WorkflowHealthTests extends WorkflowHealthTests {

}
