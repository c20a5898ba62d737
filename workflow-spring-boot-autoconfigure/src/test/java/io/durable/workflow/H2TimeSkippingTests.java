package io.durable.workflow;

class H2TimeSkippingTests extends TimeSkippingTests {

}
