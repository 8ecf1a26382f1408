package io.chimera.telemetry.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes benchmark farms in the shapes of the real corpus: Ollama per-prompt runs (CSV), parameter sweeps (CSV),
 * nested compile benchmarks (JSON), Markdown kernel tables, JMH and hyperfine results. Deterministic from the
 * seed: the same arguments give the same bytes. Every file is written under a hidden name and renamed into place,
 * as the job's writer contract asks.
 */
public final class FarmGenerator {

    private static final List<String> MODELS = List.of(
            "gemma3:1b-it-qat",
            "gemma3:latest",
            "llama3.1:8b-instruct-q4_0",
            "llama3.1:8b-instruct-q8_0",
            "qwen2.5:7b",
            "phi4:14b");
    private static final List<String> PROMPTS = List.of(
            "Summarise the build log.",
            "Explain the regression in one line.",
            "Name the slowest kernel.",
            "Write a haiku about caches.",
            "List three risks of the rollout.");
    private static final List<String> BACKENDS = List.of("eager", "jit", "torch_compile", "onnx");
    private static final List<String> KERNELS = List.of("gemm_fp16_tn", "gemm_fp16_nn", "gemm_bf16_tn", "conv2d_nhwc");
    /** An Ollama run's prompts follow one another this many seconds apart. */
    private static final long SECONDS_PER_PROMPT = 3;

    private static final DateTimeFormatter RUN_FOLDER =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path root;
    private final int rowsPerFile;

    public FarmGenerator(Path root, int rowsPerFile) {
        this.root = root;
        this.rowsPerFile = rowsPerFile;
    }

    /** {@code files} artifacts with timestamps spread evenly over {@code period} from {@code start}. */
    public void generate(int files, long seed, Instant start, Duration period) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long step = files <= 1 ? 0 : period.toMillis() / (files - 1);
        for (int i = 0; i < files; i++) {
            write(i, start.plusMillis(step * i), random.split());
        }
    }

    /** Writes artifact number {@code index}, timed {@code at}; its shape turns with the index. */
    public Path write(int index, Instant at, SplittableRandom random) throws IOException {
        return write(index, at, at, random);
    }

    /** Artifact number {@code index}, its rows timed from {@code at}, its file modified at {@code landed}. */
    private Path write(int index, Instant at, Instant landed, SplittableRandom random) throws IOException {
        String run = RUN_FOLDER.format(at) + "-" + index;
        return switch (index % 6) {
            case 0 -> land("llm-inference/" + run + "/prompt_runs.csv", ollamaRuns(at, random), landed);
            case 1 -> land("param-sweeps/" + run + "/param_tuning_summary.csv", sweep(random), landed);
            case 2 -> land("compilers/" + run + "/transformer_bench.json", compileBench(at, random), landed);
            case 3 -> land("kernels/" + run + "/gemm_sweep.md", kernelTable(at, random), landed);
            case 4 -> land("jvm/" + run + "/jmh-result.json", jmh(random), landed);
            default -> land("cli/" + run + "/hyperfine.json", hyperfine(random), landed);
        };
    }

    /**
     * Artifact number {@code index} of a run that has just finished: its newest timestamp is {@code finishedAt}, as
     * a real run writes its file after its last row. Live farms need this; {@link #write} times a run's rows from
     * {@code at} on, so a live Ollama run would otherwise carry rows from the future and push the watermark ahead
     * of the wall clock.
     */
    public Path writeFinished(int index, Instant finishedAt, SplittableRandom random) throws IOException {
        boolean ollamaRun = index % 6 == 0;
        long spanSeconds = ollamaRun ? SECONDS_PER_PROMPT * (rowsPerFile - 1) : 0;
        // Written when the run finished: by landing time too, a live run is never late.
        return write(index, finishedAt.minusSeconds(spanSeconds), finishedAt, random);
    }

    private String ollamaRuns(Instant at, SplittableRandom random) {
        String model = pick(MODELS, random);
        double baseRate = 60 + MODELS.indexOf(model) * 25 + random.nextDouble() * 10;
        StringBuilder csv = new StringBuilder("timestamp,model,prompt_index,prompt_text,num_gpu,num_ctx,temperature,"
                + "ttft_s,tokens_s,load_s,prompt_eval_s,eval_s,eval_count,error\n");
        for (int row = 0; row < rowsPerFile; row++) {
            boolean failed = random.nextInt(40) == 0;
            double rate = failed ? 0 : baseRate * (1 + 0.03 * random.nextGaussian());
            int tokens = failed ? 0 : 100 + random.nextInt(700);
            double load = failed ? 0 : row == 0 ? 1.5 + random.nextDouble() : 0.05 + random.nextDouble() * 0.05;
            double promptEval = failed ? 0 : 0.01 + random.nextDouble() * 0.05;
            csv.append(at.plusSeconds(row * SECONDS_PER_PROMPT))
                    .append(',')
                    .append(model)
                    .append(',')
                    .append(row + 1)
                    .append(',')
                    .append(pick(PROMPTS, random))
                    .append(",999,4096,0.2,")
                    .append(fmt(load + promptEval))
                    .append(',')
                    .append(fmt(rate))
                    .append(',')
                    .append(fmt(load))
                    .append(',')
                    .append(fmt(promptEval))
                    .append(',')
                    .append(fmt(failed ? 0 : tokens / rate))
                    .append(',')
                    .append(tokens)
                    .append(',')
                    .append(failed ? "\"Failed to connect to Ollama: connection refused\"" : "")
                    .append('\n');
        }
        return csv.toString();
    }

    private String sweep(SplittableRandom random) {
        StringBuilder csv = new StringBuilder(
                "config_name,num_gpu,num_ctx,temperature,mean_tokens_s,mean_ttft_s," + "mean_load_s\n");
        int[] gpus = {60, 80, 999};
        int[] contexts = {1024, 2048, 4096};
        for (int row = 0; row < rowsPerFile; row++) {
            int gpu = gpus[random.nextInt(gpus.length)];
            int ctx = contexts[random.nextInt(contexts.length)];
            double temperature = 0.2 * (1 + random.nextInt(5));
            csv.append("g")
                    .append(gpu)
                    .append("_c")
                    .append(ctx)
                    .append("_t")
                    .append(fmt1(temperature))
                    .append(',')
                    .append(gpu)
                    .append(',')
                    .append(ctx)
                    .append(',')
                    .append(fmt1(temperature))
                    .append(',')
                    .append(fmt(95 + gpu / 100.0 + 5 * random.nextGaussian()))
                    .append(',')
                    .append(fmt(0.12 + 0.02 * random.nextDouble()))
                    .append(',')
                    .append(fmt(0.10 + 0.03 * random.nextDouble()))
                    .append('\n');
        }
        return csv.toString();
    }

    private String compileBench(Instant at, SplittableRandom random) {
        StringBuilder json = new StringBuilder("{\n  \"generated_at\": \"")
                .append(at)
                .append("\",\n")
                .append("  \"model\": { \"name\": \"transformer\", \"device\": \"cpu\", \"batch_size\": 8 },\n")
                .append("  \"backends\": {\n");
        for (int b = 0; b < BACKENDS.size(); b++) {
            double mean = (12.0 - b * 2.2) * (1 + 0.05 * random.nextGaussian());
            json.append("    \"")
                    .append(BACKENDS.get(b))
                    .append("\": { \"benchmark\": { \"mean_time_ms\": ")
                    .append(fmt(mean))
                    .append(", \"std_time_ms\": ")
                    .append(fmt(mean * 0.06))
                    .append(", \"min_time_ms\": ")
                    .append(fmt(mean * 0.9))
                    .append(", \"max_time_ms\": ")
                    .append(fmt(mean * 1.15))
                    .append(" } }")
                    .append(b + 1 < BACKENDS.size() ? ",\n" : "\n");
        }
        return json.append("  }\n}\n").toString();
    }

    private String kernelTable(Instant at, SplittableRandom random) {
        StringBuilder md = new StringBuilder("# GEMM kernel sweep\n\nGenerated: ")
                .append(at)
                .append("\n\n")
                .append("| Kernel | M | N | K | Time (us) | Throughput (TFLOP/s) |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (int row = 0; row < rowsPerFile; row++) {
            String kernel = KERNELS.get(row % KERNELS.size());
            double time = 510 + 40 * random.nextDouble();
            md.append("| ")
                    .append(kernel)
                    .append(" | 4096 | 4096 | 4096 | ")
                    .append(fmt1(time))
                    .append(" ± ")
                    .append(fmt1(2 + 3 * random.nextDouble()))
                    .append(" | ")
                    .append(fmt1(137_438.95 / time))
                    .append(" |\n");
        }
        return md.append("\nThe tn layout stays fastest.\n").toString();
    }

    private String jmh(SplittableRandom random) {
        double score = 3.3e9 * (1 + 0.02 * random.nextGaussian());
        return "[\n  {\n    \"jmhVersion\" : \"1.37\",\n    \"benchmark\" : \"io.chimera.bench.ParseBench.csvRow\",\n"
                + "    \"mode\" : \"thrpt\",\n    \"threads\" : 1,\n    \"forks\" : 1,\n"
                + "    \"params\" : { \"rows\" : \"" + (rowsPerFile * 10) + "\" },\n"
                + "    \"primaryMetric\" : {\n      \"score\" : " + fmt(score) + ",\n      \"scoreError\" : "
                + fmt(score * 0.004) + ",\n      \"scoreConfidence\" : [ " + fmt(score * 0.996) + ", "
                + fmt(score * 1.004) + " ],\n      \"scorePercentiles\" : { \"0.0\" : " + fmt(score * 0.99)
                + ", \"50.0\" : " + fmt(score) + ", \"100.0\" : " + fmt(score * 1.01) + " },\n"
                + "      \"scoreUnit\" : \"ops/s\",\n      \"rawData\" : [ [ " + fmt(score) + " ] ]\n    },\n"
                + "    \"secondaryMetrics\" : { }\n  }\n]\n";
    }

    private String hyperfine(SplittableRandom random) {
        StringBuilder json = new StringBuilder("{\n  \"results\": [\n");
        String[] commands = {"make -j2", "ninja"};
        for (int c = 0; c < commands.length; c++) {
            double mean = (2.5 - c * 0.6) * (1 + 0.03 * random.nextGaussian());
            json.append("    {\n      \"command\": \"")
                    .append(commands[c])
                    .append("\",\n      \"mean\": ")
                    .append(fmt(mean))
                    .append(",\n      \"stddev\": ")
                    .append(fmt(mean * 0.02))
                    .append(",\n      \"median\": ")
                    .append(fmt(mean))
                    .append(",\n      \"user\": ")
                    .append(fmt(mean * 1.7))
                    .append(",\n      \"system\": ")
                    .append(fmt(mean * 0.2))
                    .append(",\n      \"min\": ")
                    .append(fmt(mean * 0.97))
                    .append(",\n      \"max\": ")
                    .append(fmt(mean * 1.04))
                    .append(",\n      \"times\": [")
                    .append(fmt(mean * 0.98))
                    .append(", ")
                    .append(fmt(mean))
                    .append(", ")
                    .append(fmt(mean * 1.02))
                    .append("],\n      \"exit_codes\": [0, 0, 0]\n")
                    .append("    }")
                    .append(c + 1 < commands.length ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }

    private Path land(String relative, String content, Instant at) throws IOException {
        return land(root, relative, content, at);
    }

    /** Write under a hidden name, stamp the time, rename into place: never read half-written. */
    static Path land(Path root, String relative, String content, Instant at) throws IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(hidden, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(hidden, FileTime.from(at));
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String fmt1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
