package io.chimera.telemetry.render;

import io.chimera.telemetry.records.DeadLetter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.Encoder;

/** Writes records as JSON lines for Flink's FileSink. */
public final class JsonLinesEncoder<T> implements Encoder<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public void encode(T element, OutputStream stream) throws IOException {
        String line = element instanceof DeadLetter deadLetter
                ? JsonEncoding.deadLetter(deadLetter)
                : JsonEncoding.record(element);
        stream.write(line.getBytes(StandardCharsets.UTF_8));
        stream.write('\n');
    }
}
