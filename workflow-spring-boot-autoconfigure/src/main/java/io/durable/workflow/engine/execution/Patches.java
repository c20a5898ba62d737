package io.durable.workflow.engine.execution;

import io.durable.workflow.StepInfo;
import io.durable.workflow.journal.JournalEntry;
import org.jspecify.annotations.Nullable;

/**
 * {@code Workflows.patched} and {@code Workflows.deprecatePatch}: a marker in the journal
 * at the position where the code changed, so that runs which passed that point under the
 * old code take the old path on replay, and all others the new one.
 */
final class Patches {

	private Patches() {
	}

	/**
	 * Whether this run takes the patched path: it holds the marker at this position, or
	 * its journal ends before it (then the marker is journaled with the workflow's next
	 * journal write). A run whose journal holds something else here passed this point
	 * under the old code: {@code false}, and the position is left to that.
	 */
	static boolean patched(WorkflowExecution execution, String patchId) {
		String marker = marker(patchId);
		ReplayCursor cursor = execution.cursor();
		JournalEntry recorded = cursor.recorded(cursor.peek());
		if (recorded != null && !recorded.name().equals(marker)) {
			return false;
		}
		int sequence = cursor.next();
		if (recorded == null) {
			execution.executor().steps().mark(execution, marker, sequence);
		}
		return true;
	}

	/**
	 * Passes the marker of a patch every run now takes: consumed where the journal holds
	 * it at this position, nothing journaled otherwise.
	 */
	static void deprecate(WorkflowExecution execution, String patchId) {
		ReplayCursor cursor = execution.cursor();
		JournalEntry recorded = cursor.recorded(cursor.peek());
		if (recorded != null && recorded.name().equals(marker(patchId))) {
			cursor.next();
		}
	}

	static String marker(String patchId) {
		if (patchId.isBlank()) {
			throw new IllegalArgumentException("A patch id must not be blank");
		}
		return StepInfo.PATCH_PREFIX + patchId;
	}

	/** The patch id of a journaled marker, or {@code null} if the name is not one. */
	static @Nullable String patchId(String stepName) {
		return stepName.startsWith(StepInfo.PATCH_PREFIX) ? stepName.substring(StepInfo.PATCH_PREFIX.length()) : null;
	}

}
