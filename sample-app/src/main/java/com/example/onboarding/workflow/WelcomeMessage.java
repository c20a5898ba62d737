package com.example.onboarding.workflow;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The message a user sees on first login, written by {@link AccountSteps}. */
@Entity
@Table(name = "welcome_message")
public class WelcomeMessage {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String workflowId;

	private String userId;

	private String body;

	protected WelcomeMessage() {
	}

	WelcomeMessage(String workflowId, String userId, String body) {
		this.workflowId = workflowId;
		this.userId = userId;
		this.body = body;
	}

	public String getBody() {
		return this.body;
	}

}
