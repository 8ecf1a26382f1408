package io.chimera.telemetry.rerun;

import java.util.Objects;

/** One record a bounded run emitted: what it is, its revision and a digest of its content without the revision. */
public class LedgerEntry {

    public String kind;
    public String id;
    public int revision;
    public String digest;

    public LedgerEntry() {}

    public LedgerEntry(String kind, String id, int revision, String digest) {
        this.kind = kind;
        this.id = id;
        this.revision = revision;
        this.digest = digest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerEntry other
                && revision == other.revision
                && Objects.equals(kind, other.kind)
                && Objects.equals(id, other.id)
                && Objects.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, revision, digest);
    }

    @Override
    public String toString() {
        return kind + " " + id + " revision " + revision + " " + digest;
    }
}
