package io.durable.workflow.testapp;

import java.time.Duration;

import io.durable.workflow.Async;
import io.durable.workflow.Retry;
import io.durable.workflow.Step;
import io.durable.workflow.Workflow;
import io.durable.workflow.WorkflowCanceledException;
import io.durable.workflow.WorkflowFailedException;
import io.durable.workflow.Workflows;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Parent workflows calling child workflows (in {@link Kids}), directly, in parallel and
 * delayed.
 */
@Component
public class FamilyWorkflows {

	private final Kids kids;

	private final ObjectProvider<FamilyWorkflows> self;

	private final StepCounter counter;

	public FamilyWorkflows(Kids kids, ObjectProvider<FamilyWorkflows> self, StepCounter counter) {
		this.kids = kids;
		this.self = self;
		this.counter = counter;
	}

	@Workflow(name = "parent-sum")
	public int sum(int n) {
		this.self.getObject().mark("before");
		int doubled = this.kids.doubleIt(n);
		int quadrupled = this.kids.doubleIt(doubled);
		this.self.getObject().mark("after");
		return doubled + quadrupled;
	}

	@Workflow(name = "parent-catches")
	public String catches() {
		try {
			return this.kids.fail("no");
		}
		catch (WorkflowFailedException ex) {
			return "caught " + ex.error();
		}
	}

	@Workflow(name = "parent-catches-then-waits")
	public String catchesThenWaits() {
		String caught;
		try {
			caught = this.kids.failInAStep("no");
		}
		catch (WorkflowFailedException ex) {
			caught = "caught " + ex.error();
		}
		return caught + ", then " + Workflows.awaitEvent("go", String.class);
	}

	@Workflow(name = "parent-parallel")
	public int parallel(int n) {
		Async<Integer> first = Workflows.async(() -> this.kids.doubleIt(n));
		Async<Integer> second = Workflows.async(() -> this.kids.doubleIt(n + 1));
		Workflows.awaitAll(first, second);
		return first.get() + second.get();
	}

	@Workflow(name = "parent-delayed")
	public int delayed() {
		Async<Integer> muchLater = Workflows
			.async(() -> Workflows.step("much-later").runAfter(Duration.ofHours(2)).child(() -> this.kids.doubleIt(7)));
		int later = Workflows.step("later").runAfter(Duration.ofHours(1)).child(() -> this.kids.doubleIt(5));
		return later + muchLater.get();
	}

	@Workflow(name = "parent-waits")
	public String waits() {
		return "child " + this.kids.waitForGo();
	}

	@Workflow(name = "grandparent")
	public String grandparent() {
		return "parent " + this.self.getObject().waits();
	}

	@Workflow(name = "parent-of-canceled")
	public String parentOfCanceled() {
		try {
			return this.kids.waitForGo();
		}
		catch (WorkflowCanceledException ex) {
			return "child canceled";
		}
	}

	@Workflow(name = "parent-abandons")
	public String abandons() {
		Workflows.async(this.kids::waitForGo);
		throw new IllegalStateException("giving up");
	}

	@Workflow(name = "parent-of-two-waiting")
	public String twoWaiting() {
		Async<String> first = Workflows.async(this.kids::waitForGo);
		Async<String> second = Workflows.async(this.kids::waitForGo);
		Workflows.awaitAll(first, second);
		return first.get() + " " + second.get();
	}

	@Workflow(name = "parent-gives-up-on-event")
	public String givesUpOnEvent() {
		Workflows.async(this.kids::gated);
		Workflows.awaitEvent("give-up", String.class);
		throw new IllegalStateException("giving up");
	}

	@Workflow(name = "parent-of-sleeper")
	public String parentOfSleeper(Duration sleep) {
		return "child " + this.kids.sleep(sleep);
	}

	@Workflow(name = "parent-step-calls-child")
	public int stepCallsChild() {
		return Workflows.step("inline").call(Integer.class, () -> this.kids.doubleIt(1));
	}

	@Step
	public void mark(String what) {
		this.counter.ran(what);
	}

	/** The child workflows. */
	@Component
	public static class Kids {

		private final StepCounter counter;

		private final ObjectProvider<Kids> self;

		private final GatedWorkflow.Steps gates;

		public Kids(StepCounter counter, ObjectProvider<Kids> self, GatedWorkflow.Steps gates) {
			this.counter = counter;
			this.self = self;
			this.gates = gates;
		}

		@Workflow(name = "kid-double")
		public int doubleIt(int n) {
			this.self.getObject().mark("doubled");
			return n * 2;
		}

		@Workflow(name = "kid-fail")
		public String fail(String why) {
			throw new IllegalStateException(why);
		}

		@Workflow(name = "kid-fail-in-a-step")
		public String failInAStep(String why) {
			return this.self.getObject().failing(why);
		}

		@Workflow(name = "kid-wait")
		public String waitForGo() {
			return Workflows.awaitEvent("go", String.class);
		}

		@Workflow(name = "kid-sleep")
		public String sleep(Duration duration) {
			Workflows.sleep(duration);
			return "slept";
		}

		@Workflow(name = "kid-gated")
		public String gated() {
			return this.gates.gate();
		}

		@Step
		public void mark(String what) {
			this.counter.ran(what);
		}

		@Step(retry = @Retry(maxAttempts = 1))
		public String failing(String why) {
			this.counter.ran("failing");
			throw new IllegalStateException(why);
		}

	}

}
