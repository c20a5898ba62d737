package io.durable.workflow.dashboard;

import io.durable.workflow.test.OnPostgres;

@OnPostgres
class PostgresDashboardActionsBrowserTests extends DashboardActionsBrowserTests {

}
