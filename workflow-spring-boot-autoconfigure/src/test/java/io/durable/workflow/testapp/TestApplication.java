package io.durable.workflow.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * The application the engine's integration tests run: the workflows and steps of this
 * package.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan
public class TestApplication {

}
