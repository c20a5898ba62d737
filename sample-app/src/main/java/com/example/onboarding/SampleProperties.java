package com.example.onboarding;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample ({@code sample.*}).
 *
 * @param stepDelay How long every onboarding step pauses before doing its work, so that a crash
 * in the middle of a workflow can be staged by hand
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("0ms") Duration stepDelay) {
}
