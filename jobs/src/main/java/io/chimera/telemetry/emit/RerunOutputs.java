package io.chimera.telemetry.emit;

import io.chimera.telemetry.rerun.LedgerEntry;
import io.chimera.telemetry.rerun.RerunLedger;
import org.apache.flink.api.connector.sink2.Sink;

/** The ledger earlier bounded runs left, and the sink that adds what this run emits to it. */
public record RerunOutputs(RerunLedger ledger, Sink<LedgerEntry> sink) {}
