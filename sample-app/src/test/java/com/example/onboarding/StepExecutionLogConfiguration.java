package com.example.onboarding;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Installs a {@link StepExecutionLog} in a node JVM a test starts with
 * {@code --test.step-log=<file>}.
 */
@AutoConfiguration
@ConditionalOnProperty("test.step-log")
class StepExecutionLogConfiguration {

	@Bean
	StepExecutionLog stepExecutionLog(Environment environment) throws IOException {
		return new StepExecutionLog(Path.of(environment.getRequiredProperty("test.step-log")));
	}

}
