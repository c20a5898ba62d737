package io.durable.workflow.dashboard;

class H2DashboardBrowserTests extends DashboardBrowserTests {

}
