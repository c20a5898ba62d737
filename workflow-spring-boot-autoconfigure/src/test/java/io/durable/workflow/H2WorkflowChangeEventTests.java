package io.durable.workflow;

class H2WorkflowChangeEventTests extends WorkflowChangeEventTests {

}
