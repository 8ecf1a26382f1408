package io.chimera.telemetry.parse;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides from a field's name what role it plays: the settings under test, a row index, a timestamp, an error,
 * a unit. Names are compared normalised: lower case, every run of other characters than letters and digits
 * folded to one underscore ({@code "Tokens/s"} → {@code tokens_s}).
 */
public final class FieldNames {

    /**
     * Numeric fields that are settings of a run, not measurements: a person charts tokens_s per num_ctx, never the
     * mean of num_ctx. Ollama's generation options come first.
     */
    static final Set<String> PARAMETERS = Set.of(
            "num_gpu",
            "num_ctx",
            "num_thread",
            "num_batch",
            "num_predict",
            "num_keep",
            "temperature",
            "temp",
            "top_p",
            "top_k",
            "min_p",
            "repeat_penalty",
            "repeat_last_n",
            "presence_penalty",
            "frequency_penalty",
            "mirostat",
            "seed",
            "batch_size",
            "max_tokens",
            "max_concurrency",
            "concurrency",
            "request_rate",
            "tensor_parallel_size",
            "pipeline_parallel_size",
            "tp",
            "pp",
            "threads",
            "num_threads",
            "warmup_runs",
            "warmup_iterations",
            "runs",
            "repetitions",
            "input_len",
            "output_len",
            "prompt_len",
            "channels",
            "height",
            "width",
            "gpu_layers",
            "gpu",
            "ctx",
            "context",
            "context_size",
            "opset",
            "forks",
            "warmup",
            "iterations",
            "samples_per_run",
            "gpu_count",
            "num_prompts",
            "prompt_count",
            "best_of",
            "burstiness",
            // llama.cpp (llama-bench) settings, by their JSON/CSV names and the Markdown table's short ones
            "n_batch",
            "n_ubatch",
            "n_threads",
            "n_gpu_layers",
            "ngl",
            "n_prompt",
            "n_gen",
            "n_depth",
            "type_k",
            "type_v",
            "flash_attn",
            "split_mode",
            "main_gpu",
            "no_kv_offload",
            "n_cpu_moe",
            "use_mmap");

    /**
     * Prefixes of a run's named parameters: hyperfine's {@code parameter_threads} column, JMH's
     * {@code Param: size} header, and the {@code param_*} dimensions the tool recognisers write.
     */
    private static final List<String> PARAMETER_PREFIXES = List.of("param_", "parameter_");

    /**
     * Dimensions that name what was measured, so that they tell one series from another: the model, the
     * benchmark, the configuration, the hardware. Free text (prompts, responses, errors) and row numbers do not.
     */
    static final Set<String> NAMING = Set.of(
            "model",
            "model_name",
            "model_id",
            "name",
            "benchmark",
            "benchmark_name",
            "bench",
            "test",
            "test_name",
            "backend",
            "engine",
            "provider",
            "runtime",
            "config",
            "config_name",
            "configuration",
            "variant",
            "tag",
            "device",
            "dtype",
            "precision",
            "quant",
            "quantization",
            "kernel",
            "suite",
            "group",
            "group_id",
            "function_id",
            "command",
            "mode",
            "section",
            "metric",
            "scenario",
            "workload",
            "dataset",
            "task",
            "gpu",
            "gpu_name",
            "hardware",
            "platform",
            "compiler",
            "target",
            "arch",
            "library",
            "version");

    /**
     * Numeric fields that number rows or things: dimensions, never metrics. Whether one also names a series is
     * {@link #NAMING}'s to say: a device numbered 0 or 1 does; a row, a run or a thread id does not.
     */
    static final Set<String> INDEXES = Set.of(
            "id",
            "index",
            "idx",
            "row",
            "run",
            "run_id",
            "run_index",
            "prompt_index",
            "prompt_id",
            "iteration",
            "iter",
            "trial",
            "repetition",
            "repetition_index",
            "rep",
            "sample",
            "pid",
            "process_id",
            "tid",
            "thread",
            "thread_id",
            "step",
            "rank",
            "family_index",
            "per_family_instance_index",
            "stream",
            "device");

    static final Set<String> TIMESTAMPS = Set.of(
            "timestamp",
            "ts",
            "time",
            "date",
            "datetime",
            "generated_at",
            "created_at",
            "started_at",
            "start_time",
            "test_time",
            "run_time",
            "run_date",
            "test_date",
            "demo_timestamp",
            "test_timestamp");

    static final Set<String> ERRORS =
            Set.of("error", "errors", "error_message", "error_msg", "err", "exception", "failure", "failure_reason");

    static final Set<String> SUCCESS_FLAGS = Set.of("success", "succeeded", "ok", "passed");

    /** Fields naming the unit of the row's measurements. */
    static final Set<String> UNIT_FIELDS = Set.of("unit", "units", "scoreunit", "score_unit");

    static final Set<String> TIME_UNIT_FIELDS = Set.of("time_unit", "timeunit");

    /** Fields that name what a row measures, in "key / value" tables ({@code | Metric | Value |}). */
    static final Set<String> METRIC_NAME_FIELDS = Set.of("metric", "metric_name", "measure");

    private FieldNames() {}

    /**
     * Field names repeat on every row and cell of every file: the profile of a 10,000-file backfill showed this
     * normalisation among the hottest frames, so results are remembered (a bounded cache; names are few).
     */
    private static final int NORMALISED_CACHE_LIMIT = 50_000;

    private static final java.util.concurrent.ConcurrentHashMap<String, String> NORMALISED =
            new java.util.concurrent.ConcurrentHashMap<>();

    public static String normalise(String name) {
        String cached = NORMALISED.get(name);
        if (cached != null) {
            return cached;
        }
        String normalised = compute(name);
        if (NORMALISED.size() < NORMALISED_CACHE_LIMIT) {
            NORMALISED.put(name, normalised);
        }
        return normalised;
    }

    private static String compute(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean pendingUnderscore = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (pendingUnderscore && out.length() > 0) {
                    out.append('_');
                }
                pendingUnderscore = false;
                out.append(c);
            } else {
                pendingUnderscore = true;
            }
        }
        return out.toString();
    }

    public static boolean isParameter(String leaf) {
        String n = normalise(leaf);
        if (PARAMETERS.contains(n)) {
            return true;
        }
        for (String prefix : PARAMETER_PREFIXES) {
            if (n.startsWith(prefix) && n.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }

    /** A field of this name tells one series from another ({@link #NAMING}, or a run's named parameter). */
    public static boolean namesSeries(String leaf) {
        return NAMING.contains(normalise(leaf)) || isParameter(leaf);
    }

    public static boolean isIndex(String leaf) {
        String n = normalise(leaf);
        return INDEXES.contains(n) || n.endsWith("_index") || n.endsWith("_idx") || n.endsWith("_id");
    }

    public static boolean mayBeTimestamp(String leaf) {
        String n = normalise(leaf);
        return TIMESTAMPS.contains(n)
                || n.endsWith("timestamp")
                || n.endsWith("_datetime")
                || n.endsWith("_at")
                || n.endsWith("_date");
    }

    public static boolean isError(String leaf) {
        return ERRORS.contains(normalise(leaf));
    }

    public static boolean isSuccessFlag(String leaf) {
        return SUCCESS_FLAGS.contains(normalise(leaf));
    }

    public static boolean isUnitField(String leaf) {
        return UNIT_FIELDS.contains(normalise(leaf));
    }

    public static boolean isTimeUnitField(String leaf) {
        return TIME_UNIT_FIELDS.contains(normalise(leaf));
    }

    public static boolean isMetricNameField(String leaf) {
        return METRIC_NAME_FIELDS.contains(normalise(leaf));
    }

    /**
     * What a field's leaf name says about its cells, all at once: a row asks each cell all of these, and a column's
     * name is the same in every row, so the answers are kept for the names seen (bounded like {@link #normalise}'s).
     */
    public record Roles(
            boolean unitField,
            boolean timeUnitField,
            boolean metricNameField,
            boolean error,
            boolean successFlag,
            boolean mayBeTimestamp,
            boolean parameter,
            boolean index,
            boolean saysTime) {}

    private static final java.util.concurrent.ConcurrentHashMap<String, Roles> ROLES =
            new java.util.concurrent.ConcurrentHashMap<>();

    public static Roles roles(String leaf) {
        Roles cached = ROLES.get(leaf);
        if (cached != null) {
            return cached;
        }
        Roles roles = new Roles(
                isUnitField(leaf),
                isTimeUnitField(leaf),
                isMetricNameField(leaf),
                isError(leaf),
                isSuccessFlag(leaf),
                mayBeTimestamp(leaf),
                isParameter(leaf),
                isIndex(leaf),
                normalise(leaf).contains("time"));
        if (ROLES.size() < NORMALISED_CACHE_LIMIT) {
            ROLES.put(leaf, roles);
        }
        return roles;
    }
}
