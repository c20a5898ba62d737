package com.example.onboarding;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A user-onboarding web application whose onboarding runs as a durable workflow: kill the
 * process half-way through and the workflow finishes after a restart, without repeating
 * the steps that had completed.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OnboardingApplication {

	public static void main(String[] args) {
		SpringApplication.run(OnboardingApplication.class, args);
	}

}
