package io.durable.workflow.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the {@link org.springframework.core.task.TaskExecutor} the workflow engine runs
 * workflow turns and steps on, in place of the pool it makes for itself. The engine still
 * runs at most {@code workflow.max-parallelism} tasks on it at once.
 *
 * <p>
 * Declare it with {@code @Bean(defaultCandidate = false)}, so that it does not displace
 * Boot's application task executor, and let it accept tasks until the engine has stopped
 * (for a {@code ThreadPoolTaskExecutor}, {@code setAcceptTasksAfterContextClose(true)}):
 * the engine drains its runs when the application closes. The application owns its
 * lifecycle; the engine never shuts it down.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface WorkflowTaskExecutor {

}
