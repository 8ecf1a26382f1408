package io.chimera.telemetry.narrate;

import io.chimera.telemetry.records.LlmMetrics;

/** An LLM's answer and what it cost. */
public record LlmReply(String text, LlmMetrics metrics) {}
