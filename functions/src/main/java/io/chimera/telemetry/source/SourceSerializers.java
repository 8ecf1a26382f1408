package io.chimera.telemetry.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Compact binary forms of the source's splits and enumerator state, versioned for savepoints. */
final class SourceSerializers {

    private SourceSerializers() {}

    static final class Splits implements SimpleVersionedSerializer<FileBatchSplit> {

        @Override
        public int getVersion() {
            // 1 is what Flink's FileSource writes: a savepoint of it must fail with a clear message, not misread.
            return 2;
        }

        @Override
        public byte[] serialize(FileBatchSplit split) throws IOException {
            DataOutputSerializer out =
                    new DataOutputSerializer(64 + split.files().size() * 96);
            out.writeUTF(split.splitId());
            writeFiles(out, split.files());
            return out.getCopyOfBuffer();
        }

        @Override
        public FileBatchSplit deserialize(int version, byte[] bytes) throws IOException {
            requireVersion(version, getVersion());
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            return new FileBatchSplit(in.readUTF(), readFiles(in));
        }
    }

    static final class State implements SimpleVersionedSerializer<DiscoveryState> {

        /** Before the arrival floor and arrivals; read as a state that has seen no listing through yet. */
        static final int WITHOUT_ARRIVALS = 2;

        @Override
        public int getVersion() {
            // 1 is what Flink's FileSource writes: a savepoint of it must fail with a clear message, not misread.
            return 3;
        }

        @Override
        public byte[] serialize(DiscoveryState state) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64
                    + (state.recent().size()
                                    + state.arrivals().size()
                                    + state.returned().size())
                            * 96);
            out.writeLong(state.horizon());
            out.writeLong(state.newest());
            out.writeLong(state.nextSplit());
            writeTimes(out, state.recent());
            writeFiles(out, state.returned());
            out.writeLong(state.arrivalFloor());
            writeTimes(out, state.arrivals());
            return out.getCopyOfBuffer();
        }

        @Override
        public DiscoveryState deserialize(int version, byte[] bytes) throws IOException {
            if (version != WITHOUT_ARRIVALS) {
                requireVersion(version, getVersion());
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            long horizon = in.readLong();
            long newest = in.readLong();
            long nextSplit = in.readLong();
            Map<String, Long> recent = readTimes(in);
            List<DiscoveredFile> returned = readFiles(in);
            if (version == WITHOUT_ARRIVALS) {
                return new DiscoveryState(horizon, newest, recent, Long.MAX_VALUE, Map.of(), returned, nextSplit);
            }
            long arrivalFloor = in.readLong();
            return new DiscoveryState(horizon, newest, recent, arrivalFloor, readTimes(in), returned, nextSplit);
        }
    }

    private static void writeTimes(DataOutputSerializer out, Map<String, Long> times) throws IOException {
        out.writeInt(times.size());
        for (Map.Entry<String, Long> entry : times.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    private static Map<String, Long> readTimes(DataInputDeserializer in) throws IOException {
        int count = in.readInt();
        Map<String, Long> times = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            times.put(in.readUTF(), in.readLong());
        }
        return times;
    }

    private static void writeFiles(DataOutputSerializer out, List<DiscoveredFile> files) throws IOException {
        out.writeInt(files.size());
        for (DiscoveredFile file : files) {
            out.writeUTF(file.path());
            out.writeLong(file.size());
            out.writeLong(file.modifiedTime());
        }
    }

    private static List<DiscoveredFile> readFiles(DataInputDeserializer in) throws IOException {
        int count = in.readInt();
        List<DiscoveredFile> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            files.add(new DiscoveredFile(in.readUTF(), in.readLong(), in.readLong()));
        }
        return files;
    }

    private static void requireVersion(int version, int known) throws IOException {
        if (version != known) {
            throw new IOException("unknown serialization version " + version + " of the artifact source's state (this"
                    + " build reads " + known + "; a savepoint of Flink's FileSource, version 1, cannot be restored:"
                    + " start afresh, or with --allowNonRestoredState)");
        }
    }
}
