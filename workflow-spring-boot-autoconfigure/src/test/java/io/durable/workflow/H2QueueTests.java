package io.durable.workflow;

class H2QueueTests extends QueueTests {

}
