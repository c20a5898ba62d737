package io.durable.workflow;

class H2ChildWorkflowTests extends ChildWorkflowTests {

}
