package com.example.onboarding.web;

import com.example.onboarding.workflow.OnboardingIdTakenException;
import com.example.onboarding.workflow.VerificationCodeMismatchException;
import com.example.onboarding.workflow.VerificationNotSentException;
import io.durable.workflow.InvalidPayloadException;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowStateException;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the errors a caller can act on into a status code and an {@link ApiError} body.
 */
@RestControllerAdvice
class ApiExceptionHandler {

	@ExceptionHandler
	@ResponseStatus(HttpStatus.NOT_FOUND)
	ApiError workflowNotFound(WorkflowNotFoundException ex) {
		return new ApiError(ex.getMessage());
	}

	@ExceptionHandler({ InvalidRequestException.class, InvalidPayloadException.class,
			VerificationCodeMismatchException.class })
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ApiError invalidRequest(RuntimeException ex) {
		return new ApiError(ex.getMessage());
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ApiError unreadableBody(HttpMessageNotReadableException ex) {
		return new ApiError("The request body is missing or not the JSON expected");
	}

	@ExceptionHandler({ WorkflowStateException.class, VerificationNotSentException.class })
	@ResponseStatus(HttpStatus.CONFLICT)
	ApiError conflict(RuntimeException ex) {
		return new ApiError(ex.getMessage());
	}

	/**
	 * The status of a reused idempotency key in the IETF's draft of the Idempotency-Key
	 * header.
	 */
	@ExceptionHandler
	@ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
	ApiError idempotencyKeyReused(OnboardingIdTakenException ex) {
		return new ApiError(ex.getMessage());
	}

}
