package io.chimera.telemetry.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A sink that hands what it receives to the test, through a static queue per name (the MiniCluster runs in this JVM). */
final class CollectingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<Object>> RECEIVED = new ConcurrentHashMap<>();

    private final String name;

    private CollectingSink(String name) {
        this.name = name;
    }

    static <T> CollectingSink<T> named(String name) {
        RECEIVED.put(name, new ConcurrentLinkedQueue<>());
        return new CollectingSink<>(name);
    }

    @SuppressWarnings("unchecked")
    List<T> received() {
        return new ArrayList<>((Queue<T>) (Queue<?>) RECEIVED.get(name));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> queue = RECEIVED.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                queue.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
