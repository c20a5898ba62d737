package io.durable.workflow;

class H2ListingTests extends ListingTests {

}
