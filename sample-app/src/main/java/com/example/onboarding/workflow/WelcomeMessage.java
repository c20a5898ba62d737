package com.example.onboarding.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The message a user sees on first login, written by {@link AccountSteps}. Mapped as
 * {@code schema.sql} creates its table, so that the table Hibernate makes when it manages
 * the schema (on an in-memory database, by default) is the same.
 */
@Entity
@Table(name = "welcome_message")
public class WelcomeMessage {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String workflowId;

	@Column(nullable = false)
	private String userId;

	@Column(nullable = false, length = 4000)
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
