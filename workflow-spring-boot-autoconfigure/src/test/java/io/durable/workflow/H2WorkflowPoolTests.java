package io.durable.workflow;

class H2WorkflowPoolTests extends WorkflowPoolTests {

}
