package io.chimera.telemetry.parse.recognise;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.telemetry.parse.JsonTrees;
import io.chimera.telemetry.parse.MalformedArtifactException;
import io.chimera.telemetry.parse.NumberCells;
import java.util.regex.Pattern;

/** Small helpers over Jackson trees for the JSON recognisers; the reading itself is {@link JsonTrees}'. */
final class Json {

    private Json() {}

    /** One whole JSON document. */
    static JsonNode read(String text) throws MalformedArtifactException {
        return JsonTrees.read(text, 0);
    }

    /** A JSON number as a double, exactly as its text reads; null for anything else (null, text, missing). */
    static Double number(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        double value = Double.parseDouble(JsonTrees.numberText(node));
        return Double.isFinite(value) ? value : null;
    }

    /** A scalar as written (numbers as their text, booleans as true/false); null for null, containers, missing. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        if (node.isNumber()) {
            return JsonTrees.numberText(node);
        }
        return node.asText();
    }

    /** The field, which must be an object when present: the tool always writes one there. */
    static JsonNode object(JsonNode parent, String field, String where) throws MalformedArtifactException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new MalformedArtifactException(where + field + " is " + kind(node) + ", not an object");
        }
        return node;
    }

    /** The field, which must be an array. */
    static JsonNode array(JsonNode parent, String field, String where) throws MalformedArtifactException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw new MalformedArtifactException(
                    where + (node == null ? "no " + field + " array" : field + " is " + kind(node) + ", not an array"));
        }
        return node;
    }

    /** The element, which must be an object. */
    static void requireObject(JsonNode node, String what) throws MalformedArtifactException {
        if (!node.isObject()) {
            throw new MalformedArtifactException(what + " is " + kind(node) + ", not an object");
        }
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "no value";
        };
    }

    /** Finds {@code "key":} anywhere in the text: a cheap sniff for a key only one tool writes. */
    static Key key(String key) {
        return new Key(key);
    }

    /**
     * A key, found as the pattern {@code "key"\s*:} finds it (see {@link #pattern}), by searching for its quoted
     * name: every recogniser asks every file of its format, so this runs on most files that land.
     */
    static final class Key {
        private final String quoted;
        private final String name;

        private Key(String name) {
            this.name = name;
            this.quoted = "\"" + name + "\"";
        }

        boolean foundIn(String text) {
            int at = text.indexOf(quoted);
            while (at >= 0) {
                int next = at + quoted.length();
                while (next < text.length() && NumberCells.isPatternSpace(text.charAt(next))) {
                    next++;
                }
                if (next < text.length() && text.charAt(next) == ':') {
                    return true;
                }
                at = text.indexOf(quoted, at + 1);
            }
            return false;
        }

        /** What {@link #foundIn} must agree with. */
        Pattern pattern() {
            return Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:");
        }
    }

    /** The first character that is not white space, or 0. */
    static char firstChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return 0;
    }
}
