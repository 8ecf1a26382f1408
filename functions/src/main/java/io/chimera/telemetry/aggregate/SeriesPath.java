package io.chimera.telemetry.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file's path says about its series: the part that stays the same from one run of a benchmark to the
 * next. Farms write one file (or folder) per run: {@code run_041.csv}, {@code run_2/metrics.json},
 * {@code demo_baseline_1759186698.json}, {@code 20251002-151204/prompt_suite_runs.csv}. Run counters, dates,
 * timestamps, epoch seconds, hashes and UUIDs are dropped from the folders below the suite and from the file's
 * stem (the last one found is the run); settings written into names ({@code gpu80_ctx512_temp0p8},
 * {@code num_ctx=2048}) become dimensions; a folder named after a model ({@code qwen2p5_7b}) becomes the
 * {@code model}. The digits of a name stay: {@code gemma3_1b-it-qat}, {@code llama3.1:8b}, {@code pytorch2508}.
 *
 * @param file what is left: the folders below the suite and the stem, joined by {@code /}
 * @param dimensions settings and model taken from the names
 * @param run the run the path names, or null
 */
public record SeriesPath(String file, Map<String, String> dimensions, String run) {

    /** Setting names that farms write with their value attached ({@code gpu80}) or after them ({@code ctx_512}). */
    static final Set<String> SETTINGS = Set.of(
            "gpu",
            "gpus",
            "num_gpu",
            "ngl",
            "ctx",
            "num_ctx",
            "context",
            "temp",
            "temperature",
            "top_p",
            "topp",
            "top_k",
            "topk",
            "bs",
            "batch",
            "batch_size",
            "tp",
            "pp",
            "dp",
            "ep",
            "threads",
            "num_thread",
            "nt",
            "seq",
            "seqlen",
            "seq_len",
            "isl",
            "osl",
            "input_len",
            "output_len",
            "len",
            "concurrency",
            "conc",
            "qps",
            "rate",
            "request_rate",
            "np",
            "num_prompts",
            "layers",
            "heads",
            "dim",
            "hidden",
            "lr",
            "epochs",
            "workers",
            "nodes",
            "ranks",
            "world_size",
            "cores",
            "numa",
            "mbs",
            "gbs",
            "beam",
            "beams",
            "kv");

    /** Model families, recognised at the start of a folder's name when a non-letter follows. */
    static final List<String> MODEL_FAMILIES = List.of(
            "llama",
            "codellama",
            "tinyllama",
            "qwen",
            "gemma",
            "mistral",
            "mixtral",
            "ministral",
            "phi",
            "deepseek",
            "gpt",
            "falcon",
            "starcoder",
            "yi",
            "command-r",
            "olmo",
            "granite",
            "smollm",
            "vicuna",
            "bloom",
            "opt",
            "t5",
            "bert",
            "roberta",
            "claude",
            "gemini",
            "nemotron",
            "internlm",
            "baichuan",
            "chatglm",
            "glm",
            "exaone",
            "minicpm",
            "orca",
            "zephyr",
            "llava",
            "stablelm",
            "dbrx",
            "jamba",
            "aya",
            "kimi",
            "hermes");

    private static final String START = "(?<![A-Za-z0-9])";
    private static final String END = "(?![A-Za-z0-9])";
    /** Dates with a time of day, dates, epoch seconds or milliseconds, UUIDs and hashes, between separators. */
    private static final Pattern RUN_STAMP = Pattern.compile(START + "(?:"
            + "(?:19|20)\\d{2}-?[01]\\d-?[0-3]\\d(?:[T_-]?[0-2]\\d[:_.-]?[0-5]\\d(?:[:_.-]?[0-5]\\d)?(?:\\.\\d+)?Z?)?"
            + "|1\\d{9}(?:\\d{3})?"
            + "|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
            + "|(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,64}"
            + ")" + END);

    private static final String RUN_WORDS = "run|iter|iteration|rep|repeat|repetition|trial|attempt|round|seed|sample";
    /** {@code run_2}, {@code run-041}, {@code iter3}, {@code rep_1}, {@code trial7}, {@code seed_42}. */
    private static final Pattern RUN_COUNTER = Pattern.compile("(?i)(" + RUN_WORDS + ")[-_]?(\\d+)");

    private static final Pattern RUN_WORD = Pattern.compile("(?i)" + RUN_WORDS);
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:p\\d+)?");
    /** {@code num_ctx=2048}: the name may hold underscores, the value ends at the next one. */
    private static final Pattern KEY_VALUE =
            Pattern.compile("([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z][A-Za-z0-9]*)*)=([A-Za-z0-9.:+-]+)");

    private static final Pattern ATTACHED = Pattern.compile("([A-Za-z][A-Za-z_]*?)[-]?(\\d+(?:p\\d+)?)");

    public SeriesPath {
        dimensions = Collections.unmodifiableMap(new TreeMap<>(dimensions));
    }

    /** @param sourcePath relative to the watched root, the suite's folder first ({@code suite/a/b/name.csv}) */
    public static SeriesPath of(String sourcePath) {
        String[] segments = sourcePath.replace('\\', '/').split("/");
        Parts parts = new Parts();
        for (int i = 1; i < segments.length - 1; i++) {
            parts.folder(segments[i]);
        }
        parts.stem(stem(segments[segments.length - 1]));
        return new SeriesPath(String.join("/", parts.kept), parts.dimensions, parts.run);
    }

    /** What a file name without its extension says (for a name that a template took out of its path). */
    public static SeriesPath ofStem(String stem) {
        Parts parts = new Parts();
        parts.stem(stem);
        return new SeriesPath(String.join("/", parts.kept), parts.dimensions, parts.run);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /** Accumulates what the segments of one path say. */
    private static final class Parts {
        final List<String> kept = new ArrayList<>();
        final Map<String, String> dimensions = new TreeMap<>();
        String run;
        /** What a stem that was nothing but a run marker is called. */
        String fallback = "run";

        void folder(String folder) {
            if (folder.isEmpty()) {
                return;
            }
            List<String> tokens = tokens(folder);
            if (tokens.isEmpty()) {
                return;
            }
            String name = String.join("_", tokens);
            if (isModel(name)) {
                dimensions.putIfAbsent("model", name);
            } else {
                kept.add(name);
            }
        }

        void stem(String stem) {
            List<String> tokens = tokens(stem);
            kept.add(tokens.isEmpty() ? fallback : String.join("_", tokens));
        }

        /** The segment's name tokens, with run markers and settings taken out of it. */
        private List<String> tokens(String segment) {
            Matcher stamp = RUN_STAMP.matcher(segment);
            StringBuilder rest = new StringBuilder();
            while (stamp.find()) {
                run = stamp.group();
                stamp.appendReplacement(rest, "_");
            }
            stamp.appendTail(rest);
            // A setting written key=value needs its '=': most segments have none, and skip the pattern.
            StringBuilder named = rest;
            if (rest.indexOf("=") >= 0) {
                named = new StringBuilder();
                Matcher keyValue = KEY_VALUE.matcher(rest.toString());
                while (keyValue.find()) {
                    List<String> key = List.of(keyValue.group(1).split("_"));
                    int from = key.size() - 1;
                    for (int i = 0; i < key.size() - 1; i++) {
                        if (SETTINGS.contains(
                                String.join("_", key.subList(i, key.size())).toLowerCase(Locale.ROOT))) {
                            from = i;
                            break;
                        }
                    }
                    dimensions.put(
                            String.join("_", key.subList(from, key.size())).toLowerCase(Locale.ROOT),
                            keyValue.group(2));
                    keyValue.appendReplacement(
                            named, Matcher.quoteReplacement("_" + String.join("_", key.subList(0, from)) + "_"));
                }
                keyValue.appendTail(named);
            }
            List<String> tokens = words(named);
            List<String> name = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                Matcher counter = RUN_COUNTER.matcher(token);
                if (counter.matches()) {
                    run = counter.group(2);
                    fallback = counter.group(1).toLowerCase(Locale.ROOT);
                    continue;
                }
                if (RUN_WORD.matcher(token).matches() && i + 1 < tokens.size() && isDigits(tokens.get(i + 1))) {
                    run = tokens.get(++i);
                    fallback = token.toLowerCase(Locale.ROOT);
                    continue;
                }
                int consumed = setting(tokens, i);
                if (consumed > 0) {
                    i += consumed - 1;
                    continue;
                }
                name.add(token);
            }
            // A number alone at either end is a counter (run_3's "3", "0030_..."); inside, it may be a name's.
            while (!name.isEmpty() && isDigits(name.get(name.size() - 1))) {
                run = name.remove(name.size() - 1);
            }
            while (!name.isEmpty() && isDigits(name.get(0))) {
                run = name.remove(0);
            }
            return name;
        }

        /** How many tokens from {@code at} spell a setting and its value (recorded), or 0. */
        private int setting(List<String> tokens, int at) {
            // The longest setting name first: num_gpu80 before gpu80.
            for (int span = Math.min(3, tokens.size() - at); span >= 1; span--) {
                String joined = String.join("_", tokens.subList(at, at + span)).toLowerCase(Locale.ROOT);
                Matcher attached = ATTACHED.matcher(joined);
                if (attached.matches() && SETTINGS.contains(attached.group(1))) {
                    dimensions.put(attached.group(1), number(attached.group(2)));
                    return span;
                }
                if (SETTINGS.contains(joined)
                        && at + span < tokens.size()
                        && NUMBER.matcher(tokens.get(at + span)).matches()) {
                    dimensions.put(joined, number(tokens.get(at + span)));
                    return span + 1;
                }
            }
            return 0;
        }
    }

    /**
     * The words of a segment: split at {@code _} and {@code ,}, each without the dashes, dots and spaces at its
     * ends, empty ones dropped (as {@code split("[_,]")} and {@code replaceAll("^[-. ]+|[-. ]+$", "")} would, which
     * compile a pattern at every call, for every segment of every file's path).
     */
    static List<String> words(CharSequence segment) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= segment.length(); i++) {
            if (i == segment.length() || segment.charAt(i) == '_' || segment.charAt(i) == ',') {
                int from = start;
                int to = i;
                while (from < to && isEdge(segment.charAt(from))) {
                    from++;
                }
                while (to > from && isEdge(segment.charAt(to - 1))) {
                    to--;
                }
                if (from < to) {
                    words.add(segment.subSequence(from, to).toString());
                }
                start = i + 1;
            }
        }
        return words;
    }

    private static boolean isEdge(char c) {
        return c == '-' || c == '.' || c == ' ';
    }

    /** {@code 0p8} → {@code 0.8}: a decimal point written where a file name cannot have one. */
    private static String number(String written) {
        return written.replace('p', '.');
    }

    private static boolean isDigits(String token) {
        return !token.isEmpty() && token.chars().allMatch(Character::isDigit);
    }

    static boolean isModel(String folder) {
        String lower = folder.toLowerCase(Locale.ROOT);
        for (String family : MODEL_FAMILIES) {
            if (lower.startsWith(family)
                    && (lower.length() == family.length() || !Character.isLetter(lower.charAt(family.length())))) {
                return true;
            }
        }
        return false;
    }
}
