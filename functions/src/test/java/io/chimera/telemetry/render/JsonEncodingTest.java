package io.chimera.telemetry.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.telemetry.parse.ArtifactFile;
import io.chimera.telemetry.parse.ArtifactFormat;
import io.chimera.telemetry.parse.FileOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonEncodingTest {

    private static final ArtifactFile FILE = new ArtifactFile("bench", "bench/jmh.json", 10, 0L);

    private static JsonNode encode(FileOutcome outcome) throws Exception {
        return new ObjectMapper().readTree(JsonEncoding.fileOutcome("bench/jmh.json", outcome));
    }

    @Test
    void aRecognisedFilesFormatIsItsRecognisersName() throws Exception {
        JsonNode line = encode(FileOutcome.parsed(FILE, ArtifactFormat.JSON, "jmh-json", List.of(), 0, 0));

        assertEquals("jmh-json", line.get("format").asText());
        assertEquals("parsed", line.get("status").asText());
    }

    @Test
    void aGenericFileKeepsItsFormatsLabel() throws Exception {
        assertEquals("json", encode(FileOutcome.parsed(FILE, ArtifactFormat.JSON, List.of(), 0, 0)).get("format").asText());
        assertEquals("json_lines",
                encode(FileOutcome.deadLetter(FILE, ArtifactFormat.JSON_LINES, "bad")).get("format").asText());
    }

    @Test
    void aDeadLetterOfARecogniserCarriesItsName() throws Exception {
        JsonNode line = encode(FileOutcome.deadLetter(FILE, ArtifactFormat.JSON, "jmh-json", "jmh-json: line 1: x"));

        assertEquals("jmh-json", line.get("format").asText());
        assertEquals("jmh-json: line 1: x", line.get("reason").asText());
    }
}
