package io.durable.workflow;

class H2SingleThreadPoolTests extends SingleThreadPoolTests {

}
