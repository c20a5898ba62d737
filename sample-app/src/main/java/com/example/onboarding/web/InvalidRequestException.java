package com.example.onboarding.web;

/** A request the API rejects with {@code 400 Bad Request}; the message says why. */
class InvalidRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	InvalidRequestException(String message) {
		super(message);
	}

}
