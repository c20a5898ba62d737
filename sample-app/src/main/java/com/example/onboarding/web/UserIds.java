package com.example.onboarding.web;

import java.util.regex.Pattern;

/**
 * User ids taken from requests: 1 to {@value #MAX_LENGTH} ASCII letters, digits and
 * {@code . _ - @ +} (enough for ids and email addresses). An allow-list, checked before
 * anything is started: a control character such as NUL would otherwise reach the journal
 * and the sample's tables, and PostgreSQL cannot store it in text.
 */
final class UserIds {

	static final int MAX_LENGTH = 64;

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@+-]{1," + MAX_LENGTH + "}");

	private UserIds() {
	}

	/**
	 * The user id of a request.
	 * @param userId the query parameter, {@code null} if absent
	 * @return the user id
	 * @throws InvalidRequestException if it is absent or not a valid user id
	 */
	static String parse(String userId) {
		if (userId == null || !VALID.matcher(userId).matches()) {
			throw new InvalidRequestException("The query parameter 'userId' is required: 1 to " + MAX_LENGTH
					+ " characters, each an ASCII letter or digit or one of . _ - @ +");
		}
		return userId;
	}

}
