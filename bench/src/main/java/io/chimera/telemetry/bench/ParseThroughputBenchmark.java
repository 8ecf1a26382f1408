package io.chimera.telemetry.bench;

import io.chimera.telemetry.parse.ArtifactParser;
import io.chimera.telemetry.parse.FileOutcome;
import io.chimera.telemetry.parse.ParseSettings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parse layer's yardstick: the parse layer's events/s per core beside a raw Jackson/commons-csv loop's numbers/s over
 * the same bytes. One operation is one pass over every file of the set; the auxiliary counters turn that into
 * files/s, events/s and numbers/s in JMH's own output. One thread, so every figure is per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseThroughputBenchmark {

    /** Reset per iteration by JMH; public fields are reported as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class ParseLayerCounts {
        public long files;
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            files = 0;
            events = 0;
        }
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class RawLoopCounts {
        public long files;
        public long numbers;

        @Setup(Level.Iteration)
        public void reset() {
            files = 0;
            numbers = 0;
        }
    }

    @State(Scope.Benchmark)
    public static class Parser {
        final ArtifactParser parser = new ArtifactParser(ParseSettings.defaults());
    }

    @Benchmark
    public void parseLayer(ArtifactSet set, Parser parser, ParseLayerCounts counts, Blackhole blackhole) {
        for (LoadedArtifact artifact : set.artifacts) {
            FileOutcome outcome = parser.parser.parse(artifact.file(), artifact.format(), artifact.content());
            counts.events += outcome.events().size();
            blackhole.consume(outcome);
        }
        counts.files += set.artifacts.size();
    }

    /** What the command line's parse and bench do: the same, with the read from the (page-cached) file system. */
    @Benchmark
    public void parseLayerFromDisk(ArtifactSet set, Parser parser, ParseLayerCounts counts, Blackhole blackhole) {
        for (LoadedArtifact artifact : set.artifacts) {
            FileOutcome outcome = parser.parser.parseLocal(set.root, artifact.path(), artifact.format());
            counts.events += outcome.events().size();
            blackhole.consume(outcome);
        }
        counts.files += set.artifacts.size();
    }

    @Benchmark
    public void rawLoop(ArtifactSet set, RawLoopCounts counts, Blackhole blackhole) {
        NumberTally tally = new NumberTally();
        for (LoadedArtifact artifact : set.artifacts) {
            RawLoop.tally(artifact.format(), artifact.content(), tally);
        }
        counts.numbers += tally.count();
        counts.files += set.artifacts.size();
        blackhole.consume(tally.sum());
    }
}
