package io.durable.workflow.dashboard;

/** A dashboard action that is not allowed, or not sent by the dashboard: answered 403. */
class DashboardActionRefusedException extends RuntimeException {

	DashboardActionRefusedException(String message) {
		super(message);
	}

}
