package io.durable.workflow.firstcontact;

import io.durable.workflow.Step;

import org.springframework.stereotype.Component;

@Component
public class SignupSteps {

	private final AccountRepository accounts;

	public SignupSteps(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Step(transactional = true)
	public long openAccount(String email) {
		return this.accounts.save(new Account(email)).getId();
	}

}
