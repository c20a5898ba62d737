package io.durable.workflow;

class H2SequentialWorkflowTests extends SequentialWorkflowTests {

}
