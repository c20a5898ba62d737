package io.durable.workflow;

class H2WorkflowTracingTests extends WorkflowTracingTests {

}
