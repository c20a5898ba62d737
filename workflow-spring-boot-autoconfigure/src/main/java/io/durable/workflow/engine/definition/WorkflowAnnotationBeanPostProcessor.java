package io.durable.workflow.engine.definition;

import io.durable.workflow.Step;
import io.durable.workflow.Workflow;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * Proxies every bean with {@link Workflow} or {@link Step} methods (class-based proxies,
 * so the beans can be injected by their class), putting the workflow interceptor in front
 * of any other advice: a transactional step's transaction then also covers the user's own
 * {@code @Transactional} advice on the same method.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class WorkflowAnnotationBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private static final long serialVersionUID = 1L;

	public WorkflowAnnotationBeanPostProcessor() {
		ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(null, Workflow.class, true))
			.union(new AnnotationMatchingPointcut(null, Step.class, true));
		this.advisor = new DefaultPointcutAdvisor(pointcut, new WorkflowMethodInterceptor());
		setBeforeExistingAdvisors(true);
		setProxyTargetClass(true);
	}

}
