package io.durable.workflow.testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.durable.workflow.Async;
import io.durable.workflow.Step;
import io.durable.workflow.StepFailedException;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/** Workflows that run steps in parallel. */
@Component
public class ParallelWorkflows {

	private final Steps steps;

	public ParallelWorkflows(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "fan-out")
	public String fanOut(int width) {
		List<Async<Integer>> squares = new ArrayList<>();
		for (int i = 1; i <= width; i++) {
			int n = i;
			squares.add(Workflows.async(() -> this.steps.square(n)));
		}
		Workflows.awaitAll(squares.toArray(Async[]::new));
		int sum = 0;
		for (Async<Integer> square : squares) {
			sum += square.get();
		}
		return this.steps.describe(sum);
	}

	@Workflow(name = "meet")
	public String meet() {
		Async<String> left = Workflows.async(() -> this.steps.meet("left"));
		Async<String> right = Workflows.async(() -> this.steps.meet("right"));
		return left.get() + "+" + right.get();
	}

	@Workflow(name = "one-fails")
	public String oneFails() {
		Async<String> slow = Workflows.async(() -> this.steps.slow(300));
		Async<String> failing = Workflows.async(() -> this.steps.fail("broken"));
		try {
			Workflows.awaitAll(slow, failing);
			return "not reached";
		}
		catch (StepFailedException ex) {
			return ex.errorMessage() + " after " + this.steps.finished("slow");
		}
	}

	@Workflow(name = "busy")
	public int busy(int width, long millis) {
		List<Async<Integer>> work = new ArrayList<>();
		for (int i = 0; i < width; i++) {
			work.add(Workflows.async(() -> this.steps.busy(millis)));
		}
		Workflows.awaitAll(work.toArray(Async[]::new));
		return width;
	}

	@Workflow(name = "lambda-fan-out")
	public String lambdaFanOut() {
		Async<String> a = Workflows.async(() -> Workflows.step("a").call(() -> "A"));
		Async<String> b = Workflows.async(() -> Workflows.step("b").call(() -> "B"));
		return a.get() + b.get();
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		private final Map<String, CyclicBarrier> barriers = new ConcurrentHashMap<>();

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger mostRunning = new AtomicInteger();

		private volatile boolean onVirtualThreads = true;

		public Steps(StepCounter counter) {
			this.counter = counter;
		}

		@Step(name = "square")
		public int square(int n) {
			this.counter.ran("square-" + n);
			return n * n;
		}

		@Step(name = "describe")
		public String describe(int sum) {
			return "sum=" + sum;
		}

		/** Returns only once both sides are inside the step at the same time. */
		@Step(name = "meet")
		public String meet(String side) {
			try {
				this.barriers.computeIfAbsent(Workflows.workflowId().value(), (id) -> new CyclicBarrier(2))
					.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException | BrokenBarrierException | TimeoutException ex) {
				throw new IllegalStateException("the other side never came", ex);
			}
			return side;
		}

		@Step(name = "slow")
		public String slow(long millis) {
			pause(millis);
			this.counter.ran("slow");
			return "slow";
		}

		@Step(name = "fail")
		public String fail(String message) {
			throw new IllegalStateException(message);
		}

		@Step(name = "finished")
		public int finished(String step) {
			return this.counter.count(Workflows.workflowId().value(), step);
		}

		@Step(name = "busy")
		public int busy(long millis) {
			this.onVirtualThreads &= isVirtual(Thread.currentThread());
			int now = this.running.incrementAndGet();
			this.mostRunning.accumulateAndGet(now, Math::max);
			try {
				pause(millis);
			}
			finally {
				this.running.decrementAndGet();
			}
			return now;
		}

		private static void pause(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		public int mostRunning() {
			return this.mostRunning.get();
		}

		public void resetMostRunning() {
			this.mostRunning.set(0);
			this.onVirtualThreads = true;
		}

		/** Whether every busy step since the reset ran on a virtual thread. */
		public boolean ranOnVirtualThreads() {
			return this.onVirtualThreads;
		}

		// Thread.isVirtual() exists from Java 21 on; this code is compiled for Java 17.
		private static boolean isVirtual(Thread thread) {
			try {
				return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			}
			catch (ReflectiveOperationException ex) {
				return false;
			}
		}

	}

}
