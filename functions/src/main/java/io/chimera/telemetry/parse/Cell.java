package io.chimera.telemetry.parse;

/**
 * One named value of a row, as a format parser found it, before anyone decided whether it is a metric, a
 * dimension, a timestamp or an error.
 *
 * @param name the column header, or the dotted path of a JSON field ({@code backends.eager.benchmark.mean_time_ms})
 * @param text the value as written (for JSON numbers, the number's text)
 * @param kind what the format itself says of the value's type
 * @param lastDot where the name's last dot is (-1: none): a row asks every cell for its leaf and parent more than
 *     once, so the name is searched once
 * @param roles what the leaf name says the cell is: looked up once per cell, or once per column for a table
 */
public record Cell(String name, String text, Kind kind, int lastDot, FieldNames.Roles roles) {

    public Cell(String name, String text, Kind kind) {
        this(name, text, kind, name.lastIndexOf('.'));
    }

    public Cell(String name, String text, Kind kind, int lastDot) {
        this(name, text, kind, lastDot, FieldNames.roles(lastDot < 0 ? name : name.substring(lastDot + 1)));
    }

    /** A table's column: its name read once for every cell of it. */
    public record Column(String name, int lastDot, FieldNames.Roles roles) {

        public static Column named(String name) {
            Cell named = new Cell(name, "", Kind.TEXT);
            return new Column(name, named.lastDot(), named.roles());
        }

        /** This column's untyped cell. */
        public Cell text(String text) {
            return new Cell(name, text, Kind.TEXT, lastDot, roles);
        }
    }

    public enum Kind {
        /** The format typed it as a number (JSON). */
        NUMBER,
        /** The format typed it as a boolean (JSON). */
        BOOLEAN,
        /** Untyped text (CSV and Markdown cells, JSON strings): may still hold a number. */
        TEXT
    }

    public static Cell text(String name, String text) {
        return new Cell(name, text, Kind.TEXT);
    }

    /** The last segment of a dotted name: what says what the field is. */
    public String leafName() {
        return lastDot < 0 ? name : name.substring(lastDot + 1);
    }

    /** Everything before the last dot, or an empty string. */
    public String parentPath() {
        return lastDot < 0 ? "" : name.substring(0, lastDot);
    }
}
