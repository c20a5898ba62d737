package com.example.onboarding.web;

/**
 * The JSON body of every error answer of the API.
 *
 * @param error what went wrong, for a human
 */
record ApiError(String error) {
}
