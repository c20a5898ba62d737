package io.durable.workflow;

class H2RetentionTests extends RetentionTests {

}
