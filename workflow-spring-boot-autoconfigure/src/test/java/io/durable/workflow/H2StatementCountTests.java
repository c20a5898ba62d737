package io.durable.workflow;

class H2StatementCountTests extends StatementCountTests {

}
