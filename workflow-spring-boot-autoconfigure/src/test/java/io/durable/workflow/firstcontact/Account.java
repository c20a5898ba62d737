package io.durable.workflow.firstcontact;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the signup's transactional step writes, through a Spring Data repository. */
@Entity
@Table(name = "signup_account")
public class Account {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	protected Account() {
	}

	Account(String email) {
		this.email = email;
	}

	public Long getId() {
		return this.id;
	}

	public String getEmail() {
		return this.email;
	}

}
