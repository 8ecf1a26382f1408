package io.chimera.telemetry.aggregate;

import io.chimera.telemetry.parse.Timestamps;
import io.chimera.telemetry.records.ArtifactRecord;
import io.chimera.telemetry.records.DeadLetter;
import io.chimera.telemetry.records.DeadLetterKind;
import io.chimera.telemetry.records.FileLanded;
import io.chimera.telemetry.records.MetricEvent;
import io.chimera.telemetry.records.SeriesPartial;
import io.chimera.telemetry.records.TooLate;
import io.chimera.telemetry.time.TimeBasis;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Puts a file's values in their windows (by the job's {@link TimeBasis}) and combines them per series and window
 * before anything is shuffled: one {@link SeriesPartial} per series and window the file touches. The file goes to
 * the inventory side output once for each window it gives values to (a {@link FileLanded} with its rows and
 * values there), so that no window's statistics come from files its inventory does not count; a file without
 * values goes there once, in the window of its own time. A dead letter goes to its own output too, and values
 * whose window is past the revision horizon to the too-late output, counted per file and window, never dropped
 * silently.
 */
public final class CombineFileValues extends ProcessFunction<ArtifactRecord, SeriesPartial> {

    public static final OutputTag<FileLanded> FILES = new OutputTag<>("files-landed") {};
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    public static final OutputTag<TooLate> TOO_LATE = new OutputTag<>("too-late") {};
    /** Files accounted for so far, readable while the job runs (the command line's progress line). */
    public static final String FILES_DONE_ACCUMULATOR = "chimera-files-done";
    /** Metric events read so far (the benchmark runner's events/s). */
    public static final String EVENTS_ACCUMULATOR = "chimera-events";

    private final TimeBasis basis;
    private final RevisionWindows windows;
    private final SeriesNaming naming;

    private transient MetricGroup metrics;
    private transient Counter filesDiscovered;
    private transient Counter filesParsed;
    private transient Counter metricEvents;
    private transient Counter failedRows;
    private transient Counter tooLateValues;
    private transient Counter tooLateFiles;
    private transient Map<String, Counter> deadLettersByReason;
    private transient LongCounter filesDone;
    private transient LongCounter eventsDone;

    public CombineFileValues(TimeBasis basis, RevisionWindows windows) {
        this(basis, windows, SeriesNaming.automatic());
    }

    public CombineFileValues(TimeBasis basis, RevisionWindows windows, SeriesNaming naming) {
        this.basis = basis;
        this.windows = windows;
        this.naming = naming;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = getRuntimeContext().getMetricGroup().addGroup("chimera");
        filesDiscovered = metrics.counter("filesDiscovered");
        filesParsed = metrics.counter("filesParsed");
        metricEvents = metrics.counter("metricEvents");
        failedRows = metrics.counter("failedRows");
        tooLateValues = metrics.counter("tooLateValues");
        tooLateFiles = metrics.counter("tooLateFiles");
        deadLettersByReason = new HashMap<>();
        filesDone = getRuntimeContext().getLongCounter(FILES_DONE_ACCUMULATOR);
        eventsDone = getRuntimeContext().getLongCounter(EVENTS_ACCUMULATOR);
    }

    @Override
    public void processElement(ArtifactRecord record, Context context, Collector<SeriesPartial> out) {
        FileLanded file = record.file;
        long watermark = context.timerService().currentWatermark();
        count(file, record.events.size());
        file.windowStart = windows.startOf(basis.of(file));
        file.arrivalWatermark = watermark;
        if (file.isDeadLetter()) {
            context.output(
                    DEAD_LETTERS,
                    new DeadLetter(
                            file.suite, file.sourcePath, file.format, file.reason, file.bytes, file.modifiedTime));
        }

        Map<Tuple2<String, Long>, SeriesAccumulator> combined = combine(file, record);
        Map<Long, TooLate> tooLate = new TreeMap<>();
        for (Map.Entry<Tuple2<String, Long>, SeriesAccumulator> entry : combined.entrySet()) {
            long windowStart = entry.getKey().f1;
            SeriesAccumulator values = entry.getValue();
            if (windows.isTooLate(windowStart, watermark)) {
                TooLate late = tooLate.computeIfAbsent(windowStart, start -> tooLate(file, start, watermark));
                late.values += values.count();
                late.failedValues += values.failed();
                continue;
            }
            out.collect(partial(file, entry.getKey(), values, watermark));
        }
        for (FileLanded entry : inventoryEntries(file, record)) {
            if (windows.isTooLate(entry.windowStart, watermark)) {
                tooLate.computeIfAbsent(entry.windowStart, start -> tooLate(file, start, watermark)).file = true;
            } else {
                context.output(FILES, entry);
            }
        }
        if (tooLate.values().stream().anyMatch(late -> late.file)) {
            tooLateFiles.inc();
        }
        for (TooLate late : tooLate.values()) {
            tooLateValues.inc(late.values + late.failedValues);
            context.output(TOO_LATE, late);
        }
    }

    /**
     * The file's inventory entry for each window it gives values to, in window order, with the rows and values it
     * gives that window (a row's values share one time, so one window). Rows without values (failed before
     * measuring anything) count in the entry of the file's own window, which by measured time is that of its newest
     * row; a file without values has that entry alone.
     */
    private List<FileLanded> inventoryEntries(FileLanded file, ArtifactRecord record) {
        TreeMap<Long, WindowRows> byWindow = new TreeMap<>();
        for (MetricEvent event : record.events) {
            long windowStart = windows.startOf(basis.of(file, event));
            byWindow.computeIfAbsent(windowStart, start -> new WindowRows(entryOf(file, start)))
                    .add(event);
        }
        int rowsWithoutValues = file.rows;
        int failedRowsWithoutValues = file.failedRows;
        for (WindowRows window : byWindow.values()) {
            window.entry().rows = window.rows().cardinality();
            window.entry().failedRows = window.failedRows().cardinality();
            rowsWithoutValues -= window.entry().rows;
            failedRowsWithoutValues -= window.entry().failedRows;
        }
        if (byWindow.isEmpty() || rowsWithoutValues > 0 || failedRowsWithoutValues > 0) {
            FileLanded own = byWindow.computeIfAbsent(file.windowStart, start -> new WindowRows(entryOf(file, start)))
                    .entry();
            own.rows += rowsWithoutValues;
            own.failedRows += failedRowsWithoutValues;
        }
        return byWindow.values().stream().map(WindowRows::entry).toList();
    }

    /** A file's inventory entry for one window, and which of its rows gave that window values. */
    private record WindowRows(FileLanded entry, BitSet rows, BitSet failedRows) {

        WindowRows(FileLanded entry) {
            this(entry, new BitSet(), new BitSet());
        }

        void add(MetricEvent event) {
            entry.events++;
            rows.set(event.row);
            if (event.failed) {
                failedRows.set(event.row);
            }
        }
    }

    private static FileLanded entryOf(FileLanded file, long windowStart) {
        FileLanded entry = new FileLanded();
        entry.suite = file.suite;
        entry.sourcePath = file.sourcePath;
        entry.format = file.format;
        entry.bytes = file.bytes;
        entry.modifiedTime = file.modifiedTime;
        entry.status = file.status;
        entry.reason = file.reason;
        entry.deadLetterKind = file.deadLetterKind;
        entry.eventTime = file.eventTime;
        entry.arrivalWatermark = file.arrivalWatermark;
        entry.windowStart = windowStart;
        return entry;
    }

    /**
     * The file's values per series key string and window start, each series folded in the file's order. A row's
     * events share its dimensions: each distinct set is encoded once per file, and each metric of it once.
     */
    private Map<Tuple2<String, Long>, SeriesAccumulator> combine(FileLanded file, ArtifactRecord record) {
        Map<Tuple2<String, Long>, SeriesAccumulator> combined = new LinkedHashMap<>();
        if (record.events.isEmpty()) {
            return combined;
        }
        SeriesPath path = naming.of(file.sourcePath);
        // A row's events share one dimensions map (the parser's): found by identity, else by content.
        Map<Map<String, String>, RowSeries> rowsByMap = new java.util.IdentityHashMap<>();
        Map<Map<String, String>, RowSeries> rows = new HashMap<>();
        for (MetricEvent event : record.events) {
            long windowStart = windows.startOf(basis.of(file, event));
            RowSeries row = rowsByMap.get(event.dimensions);
            if (row == null) {
                row = rows.computeIfAbsent(
                        event.dimensions, dimensions -> new RowSeries(SeriesIdentity.dimensionsPart(dimensions, path)));
                rowsByMap.put(event.dimensions, row);
            }
            String series = row.keyString(event);
            SeriesAccumulator values = combined.computeIfAbsent(Tuple2.of(series, windowStart), key -> {
                SeriesAccumulator accumulator = new SeriesAccumulator();
                accumulator.nameSeries(series);
                return accumulator;
            });
            values.add(event.value, event.eventTime, event.failed);
        }
        return combined;
    }

    /** The series key strings of one row's metrics, by suite, metric and unit. */
    private record RowSeries(String dimensionsPart, Map<List<String>, String> byMetric) {

        RowSeries(String dimensionsPart) {
            this(dimensionsPart, new HashMap<>());
        }

        String keyString(MetricEvent event) {
            return byMetric.computeIfAbsent(
                    java.util.Arrays.asList(event.suite, event.metric, event.unit),
                    metric -> SeriesIdentity.keyString(event.suite, event.metric, event.unit, dimensionsPart));
        }
    }

    private static SeriesPartial partial(
            FileLanded file, Tuple2<String, Long> key, SeriesAccumulator values, long watermark) {
        Tuple2<Long, Long> hash = SeriesIdentity.hash(key.f0);
        SeriesPartial partial = new SeriesPartial();
        partial.keyHigh = hash.f0;
        partial.keyLow = hash.f1;
        partial.windowStart = key.f1;
        partial.suite = file.suite;
        partial.sourcePath = file.sourcePath;
        partial.values = values;
        partial.arrivalWatermark = watermark;
        return partial;
    }

    private TooLate tooLate(FileLanded file, long windowStart, long watermark) {
        TooLate late = new TooLate();
        late.suite = file.suite;
        late.sourcePath = file.sourcePath;
        late.windowStart = Timestamps.iso(windowStart);
        late.windowEnd = Timestamps.iso(windows.endOf(windowStart));
        late.watermark = Timestamps.iso(watermark);
        return late;
    }

    private void count(FileLanded file, int events) {
        filesDiscovered.inc();
        filesDone.add(1L);
        metricEvents.inc(events);
        eventsDone.add((long) events);
        failedRows.inc(file.failedRows);
        if (!file.isDeadLetter()) {
            filesParsed.inc();
        } else {
            DeadLetterKind kind = file.deadLetterKind != null ? file.deadLetterKind : DeadLetterKind.MALFORMED;
            deadLettersByReason
                    .computeIfAbsent(
                            kind.label(),
                            reason -> metrics.addGroup("reason", reason).counter("filesDeadLettered"))
                    .inc();
        }
    }
}
