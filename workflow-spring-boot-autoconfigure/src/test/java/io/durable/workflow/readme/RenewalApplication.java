package io.durable.workflow.readme;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the README's testing section: a workflow that reminds a month later.
 */
@SpringBootApplication
public class RenewalApplication {

}
