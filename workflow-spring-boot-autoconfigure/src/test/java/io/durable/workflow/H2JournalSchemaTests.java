package io.durable.workflow;

class H2JournalSchemaTests extends JournalSchemaTests {

}
