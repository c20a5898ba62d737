package io.durable.workflow;

class H2WorkflowsEndpointWebTests extends WorkflowsEndpointWebTests {

}
