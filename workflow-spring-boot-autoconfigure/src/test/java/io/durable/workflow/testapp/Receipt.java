package io.durable.workflow.testapp;

import java.math.BigDecimal;

public record Receipt(String reservation, BigDecimal charged, String tracking) {
}
