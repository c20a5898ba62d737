package io.durable.workflow;

class H2WorkflowMetricsTests extends WorkflowMetricsTests {

}
