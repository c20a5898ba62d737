package com.example.onboarding.web;

import io.durable.workflow.WorkflowNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the errors a caller can act on into a status code and an {@link ApiError} body. */
@RestControllerAdvice
class ApiExceptionHandler {

	@ExceptionHandler
	@ResponseStatus(HttpStatus.NOT_FOUND)
	ApiError workflowNotFound(WorkflowNotFoundException ex) {
		return new ApiError(ex.getMessage());
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ApiError invalidRequest(InvalidRequestException ex) {
		return new ApiError(ex.getMessage());
	}

}
