package io.durable.workflow.test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the application's {@link DataSource} and counts, per thread name, the SQL
 * statements executed through it and the transactions committed (an auto-committed
 * statement counts as one), and among those the commits that took a call of their own
 * ({@link Connection#commit()}: a round trip to the database beyond the statements').
 */
public final class StatementCounter implements BeanPostProcessor {

	private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
			"executeLargeUpdate", "executeLargeBatch");

	private final Map<String, AtomicInteger> statements = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> commits = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> commitCalls = new ConcurrentHashMap<>();

	/** Statements executed on threads whose name matches. */
	public int statements(Predicate<String> threadName) {
		return sum(this.statements, threadName);
	}

	/** Transactions committed on threads whose name matches. */
	public int commits(Predicate<String> threadName) {
		return sum(this.commits, threadName);
	}

	/** Calls of {@link Connection#commit()} on threads whose name matches. */
	public int commitCalls(Predicate<String> threadName) {
		return sum(this.commitCalls, threadName);
	}

	public void reset() {
		this.statements.clear();
		this.commits.clear();
		this.commitCalls.clear();
	}

	private static int sum(Map<String, AtomicInteger> counts, Predicate<String> threadName) {
		return counts.entrySet()
			.stream()
			.filter((entry) -> threadName.test(entry.getKey()))
			.mapToInt((entry) -> entry.getValue().get())
			.sum();
	}

	private static void count(Map<String, AtomicInteger> counts) {
		counts.computeIfAbsent(Thread.currentThread().getName(), (name) -> new AtomicInteger()).incrementAndGet();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource) {
			return proxy(DataSource.class, dataSource, (target, method, args) -> {
				Object result = invoke(target, method, args);
				return (result instanceof Connection connection) ? connection(connection) : result;
			});
		}
		return bean;
	}

	private Connection connection(Connection connection) {
		return proxy(Connection.class, connection, (target, method, args) -> {
			if (method.getName().equals("commit")) {
				count(this.commits);
				count(this.commitCalls);
			}
			Object result = invoke(target, method, args);
			if (result instanceof Statement statement) {
				return statement(connection, statement, method.getReturnType());
			}
			return result;
		});
	}

	private Object statement(Connection connection, Statement statement, Class<?> type) {
		return proxy(type, statement, (target, method, args) -> {
			if (EXECUTIONS.contains(method.getName())) {
				count(this.statements);
				if (connection.getAutoCommit()) {
					count(this.commits);
				}
			}
			return invoke(target, method, args);
		});
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<?> type, Object target, Handler handler) {
		return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type },
				(InvocationHandler) (proxy, method, args) -> handler.handle(target, method, args));
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	@FunctionalInterface
	private interface Handler {

		Object handle(Object target, Method method, Object[] args) throws Throwable;

	}

}
