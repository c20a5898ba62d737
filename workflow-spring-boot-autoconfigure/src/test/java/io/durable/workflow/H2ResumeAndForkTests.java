package io.durable.workflow;

class H2ResumeAndForkTests extends ResumeAndForkTests {

}
