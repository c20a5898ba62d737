package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import io.durable.workflow.testapp.ListedWorkflow;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Listing workflows: keyset pages in both orders, stable under inserts, and the filters.
 */
@SpringBootTest(classes = TestApplication.class)
abstract class ListingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	private Instant since;

	@BeforeEach
	void startOfThisTest() {
		this.since = Instant.now().minusMillis(1);
	}

	@Test
	void pagesFollowCreationOrderInBothDirectionsAndStayStableWhileRunsAreAdded() {
		List<WorkflowId> started = startAll(5, false);

		List<WorkflowId> ascending = new ArrayList<>();
		WorkflowPage<WorkflowSummary> page = this.client.listByName("listed", query(2));
		ascending.addAll(ids(page));
		WorkflowId added = start(false);
		while (page.hasNext()) {
			page = this.client.listByName("listed", query(2).after(page.nextCursor()));
			ascending.addAll(ids(page));
		}
		List<WorkflowId> descending = ids(this.client.listByName("listed", query(10).descending()));

		List<WorkflowId> all = new ArrayList<>(started);
		all.add(added);
		List<WorkflowId> inOrder = this.client.listByName("listed", query(10))
			.items()
			.stream()
			.sorted(Comparator.comparing(WorkflowSummary::createdAt).thenComparing((run) -> run.id().value()))
			.map(WorkflowSummary::id)
			.toList();
		assertThat(ascending).containsExactlyElementsOf(inOrder).containsExactlyInAnyOrderElementsOf(all);
		List<WorkflowId> reversed = new ArrayList<>(inOrder);
		Collections.reverse(reversed);
		assertThat(descending).containsExactlyElementsOf(reversed);
	}

	@Test
	void filtersByStateAndCreationTime() {
		List<WorkflowId> done = startAll(2, false);
		done.forEach((id) -> this.client.result(id, String.class, TIMEOUT));
		List<WorkflowId> waiting = startAll(3, true);
		await().atMost(TIMEOUT)
			.until(() -> ids(this.client.list(query(10).state(WorkflowState.IN_PROGRESS))).size() == 3);

		assertThat(ids(this.client.list(query(10).state(WorkflowState.IN_PROGRESS))))
			.containsExactlyInAnyOrderElementsOf(waiting);
		assertThat(ids(this.client.listByName("listed", query(10).state(WorkflowState.COMPLETED))))
			.containsExactlyInAnyOrderElementsOf(done);
		assertThat(this.client.list(query(10).createdBefore(this.since)).items()).isEmpty();
		WorkflowSummary completed = this.client.listByName("listed", query(1).state(WorkflowState.COMPLETED))
			.items()
			.get(0);
		assertThat(completed.result()).isEqualTo("\"done\"");
		assertThat(completed.finishedAt()).isAfterOrEqualTo(completed.createdAt());
		waiting.forEach(this.client::cancel);
	}

	@Test
	void aMalformedCursorOrAnOversizedPageIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.list(ListQuery.first(10).after("???")))
			.withMessageContaining("Malformed cursor");
		assertThatIllegalArgumentException().isThrownBy(() -> ListQuery.first(ListQuery.MAX_PAGE_SIZE + 1))
			.withMessageContaining("between 1 and 1000");
	}

	private ListQuery query(int limit) {
		return ListQuery.first(limit).createdFrom(this.since);
	}

	private List<WorkflowId> startAll(int count, boolean waits) {
		List<WorkflowId> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(start(waits));
		}
		return ids;
	}

	private WorkflowId start(boolean waits) {
		return this.client.start(ListedWorkflow.class, (workflow) -> workflow.run(waits));
	}

	private static List<WorkflowId> ids(WorkflowPage<WorkflowSummary> page) {
		return page.items().stream().map(WorkflowSummary::id).toList();
	}

}
