package com.example.onboarding.workflow;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stores {@link WelcomeMessage}s; used inside the transactional step, so it joins its
 * transaction.
 */
public interface WelcomeMessageRepository extends JpaRepository<WelcomeMessage, Long> {

}
