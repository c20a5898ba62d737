package io.durable.workflow.testapp;

/** Has no properties Jackson can see, so it cannot be written as JSON. */
public class Opaque {

	private final Object secret = new Object();

	@Override
	public String toString() {
		return "Opaque[" + this.secret.hashCode() + "]";
	}

}
