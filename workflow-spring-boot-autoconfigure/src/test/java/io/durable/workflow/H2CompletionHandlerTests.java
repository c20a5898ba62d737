package io.durable.workflow;

class H2CompletionHandlerTests extends CompletionHandlerTests {

}
