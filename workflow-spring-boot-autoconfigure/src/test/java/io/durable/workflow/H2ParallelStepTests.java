package io.durable.workflow;

class H2ParallelStepTests extends ParallelStepTests {

}
