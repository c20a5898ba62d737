package io.durable.workflow.test;

import io.durable.workflow.NonDeterministicWorkflowException;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.engine.WorkflowEngine;

/**
 * Checks stored journals against the workflow code as it is now, without a database write
 * or a step run: the test that a deploy will not strand runs in flight. Export the
 * journals of long-lived workflows with {@link WorkflowClient#exportJournal}, keep them
 * as test resources, and replay them in a test of the application:
 *
 * <pre>{@code
 * &#64;SpringBootTest
 * class OrderJournalsReplayTests {
 *

 *     &#64;Autowired
 *     WorkflowReplayer replayer;
 *
 *
&#64;Test
 *     void ordersWaitingForPaymentStillReplay() throws IOException {
 *         this.replayer.replay(new ClassPathResource("journals/order-waiting-for-payment.json")
 *             .getContentAsString(StandardCharsets.UTF_8));
 *     }
 *
 * }
 * }</pre>
 *
 * The auto-configuration defines it as a bean wherever the engine runs.
 */
public final class WorkflowReplayer {

	private final WorkflowEngine engine;

	/**
	 * @param engine the engine whose workflows replay (internal API)
	 */
	public WorkflowReplayer(WorkflowEngine engine) {
		this.engine = engine;
	}

	/**
	 * Replays a journal against the current code: the workflow method is called with the
	 * journal's arguments on this thread, each journaled step returns its journaled
	 * result (or throws its journaled failure) without running, and the replay ends where
	 * the journal does, before anything new would run. Nothing is read from or written to
	 * the database.
	 * @param journalJson a journal as {@link WorkflowClient#exportJournal} wrote it
	 * @throws NonDeterministicWorkflowException if the code diverges from the journal:
	 * its message names the position, the step the code called and the step the journal
	 * holds (or the value that no longer reads back)
	 * @throws IllegalArgumentException if the JSON is not such a journal, or its workflow
	 * is not registered
	 */
	public void replay(String journalJson) {
		this.engine.replay(journalJson);
	}

}
