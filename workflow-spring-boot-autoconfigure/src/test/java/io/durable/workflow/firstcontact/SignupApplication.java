package io.durable.workflow.firstcontact;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application as a new user writes it: the starter, a JPA entity with its repository,
 * a workflow with a transactional step and an event, and no configuration of its own.
 */
@SpringBootApplication
public class SignupApplication {

}
