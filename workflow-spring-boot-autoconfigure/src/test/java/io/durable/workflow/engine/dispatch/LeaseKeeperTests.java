package io.durable.workflow.engine.dispatch;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;

import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.NewRun;
import io.durable.workflow.test.RowLocks;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose lease a renewal skipped, because another transaction had it locked, is held
 * only as long as its lease in the journal lasts: until the renewal before, not this one.
 */
@SpringBootTest(classes = TestApplication.class)
class LeaseKeeperTests {

	private static final Duration LEASE = Duration.ofSeconds(10);

	@Autowired
	Journal journal;

	@Autowired
	DataSource dataSource;

	private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));

	@Test
	void aRunLockedDuringARenewalKeepsItsOlderLease() throws Exception {
		String node = "keeper-" + UUID.randomUUID();
		Instant start = this.clock.instant();
		RunTask locked = task(node, start);
		RunTask free = task(node, start);
		LeaseKeeper keeper = new LeaseKeeper(this.journal, new EngineClock(this.clock), node, LEASE);

		this.clock.advance(Duration.ofSeconds(5));
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			RowLocks.lock(other, locked.id());
			assertThat(keeper.renew(true)).contains(locked.id(), free.id());
			other.rollback();
		}

		// Past the start's lease (less the margin), within the renewal's.
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(keeper.isHeld(free, this.clock.instant())).isTrue();
		assertThat(keeper.isHeld(locked, this.clock.instant())).isFalse();

		keeper.renew(true);
		assertThat(keeper.isHeld(locked, this.clock.instant())).isTrue();
	}

	private RunTask task(String node, Instant start) {
		NewRun run = new NewRun("keeper-run-" + UUID.randomUUID(), "sequence", "[1]", node, start.plus(LEASE), start,
				null, null, null, null, null, null, null, null, null);
		this.journal.runs().insertRun(run);
		return new RunTask(run, null, start);
	}

	/** A clock that moves only when told. */
	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
