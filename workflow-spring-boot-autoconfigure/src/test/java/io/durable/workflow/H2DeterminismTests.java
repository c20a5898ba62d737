package io.durable.workflow;

class H2DeterminismTests extends DeterminismTests {

}
