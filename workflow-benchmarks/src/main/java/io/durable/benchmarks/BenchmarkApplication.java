package io.durable.benchmarks;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The benchmark's entry point: reads the command line, starts the database and a
 * (non-web) Spring Boot application with the workflow engine on it, runs
 * {@link Benchmark} and prints its lines on standard output. Logging goes to standard
 * error, at WARN.
 *
 * <p>
 * The database's properties take precedence over any other source; the engine's and the
 * pool's settings are only defaults, so that a system property
 * ({@code -Dworkflow.lease.duration=30s}) can still override them.
 */
@SpringBootApplication
public class BenchmarkApplication {

	public static void main(String[] args) {
		if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
			System.out.print(BenchmarkOptions.USAGE);
			return;
		}
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		try {
			if (options.node() != null) {
				serve(options);
			}
			else {
				run(options, System.out);
			}
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
	}

	/**
	 * Runs the whole benchmark once.
	 * @param options what to run, on which database
	 * @param out where the result lines go
	 */
	public static void run(BenchmarkOptions options, PrintStream out) throws Exception {
		try (BenchmarkDatabase database = BenchmarkDatabase.open(options)) {
			if (options.scenario().equals("cluster")) {
				new ClusterScenario(options, database).run(out);
				return;
			}
			try (ConfigurableApplicationContext context = application(options, database, Map.of()).run()) {
				if (options.scenario().equals("dashboard")) {
					context.getBean(DashboardScenario.class).run(options, out);
				}
				else if (options.scenario().equals("queues")) {
					context.getBean(QueueScenario.class).run(options, out);
				}
				else {
					context.getBean(Benchmark.class).run(options, out);
				}
			}
		}
	}

	/** Runs as a node of the cluster scenario, on its database, until told to stop. */
	private static void serve(BenchmarkOptions options) throws Exception {
		try (BenchmarkDatabase database = BenchmarkDatabase.open(options);
				ConfigurableApplicationContext context = application(options, database,
						Map.of("workflow.node-id", options.node()))
					.run()) {
			context.getBean(ClusterNode.class).serve(options, System.in, System.out);
		}
	}

	/**
	 * The benchmark's application on its database.
	 * @param fixed properties that take precedence over any other source, with the
	 * database's
	 */
	private static SpringApplication application(BenchmarkOptions options, BenchmarkDatabase database,
			Map<String, Object> fixed) {
		Map<String, Object> properties = new LinkedHashMap<>(database(database));
		properties.putAll(fixed);
		SpringApplication application = new SpringApplication(BenchmarkApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(tuning(options));
		application.addInitializers((context) -> {
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
			context.getBeanFactory().registerSingleton("benchmarkDatabase", database);
		});
		return application;
	}

	/** Settings a system property may override. */
	private static Map<String, Object> tuning(BenchmarkOptions options) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("logging.level.root", "WARN");
		properties.put("spring.datasource.hikari.maximum-pool-size", options.poolSize());
		properties.put("workflow.max-parallelism", options.maxParallelism());
		properties.putAll(QueueScenario.queues());
		return properties;
	}

	/**
	 * Where the journal lives: always the benchmark's database, whatever the environment
	 * says.
	 */
	private static Map<String, Object> database(BenchmarkDatabase database) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", database.url());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password());
		properties.put("spring.jpa.hibernate.ddl-auto", "none");
		properties.put("workflow.jdbc.initialize-schema", "always");
		return properties;
	}

}
