package io.durable.workflow.testapp;

import java.math.BigDecimal;
import java.util.List;

public record Order(String customer, List<String> items, BigDecimal total) {
}
