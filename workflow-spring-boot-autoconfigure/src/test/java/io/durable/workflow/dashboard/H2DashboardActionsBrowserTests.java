package io.durable.workflow.dashboard;

class H2DashboardActionsBrowserTests extends DashboardActionsBrowserTests {

}
