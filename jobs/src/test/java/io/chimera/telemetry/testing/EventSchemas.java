package io.chimera.telemetry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The published JSON Schemas of the Kafka events (docs/schemas), read by a standard validator as a consumer would:
 * each by its {@code $id}, the {@code $ref}s between them resolved against those ids.
 */
public final class EventSchemas {

    /** Where the schemas' ids live; the validator finds them in docs/schemas instead. */
    static final String ID_PREFIX = "https://chimera-telemetry.github.io/schemas/4/";

    private final JsonSchemaFactory factory;

    public EventSchemas() {
        Path folder = Path.of("").toAbsolutePath().getParent().resolve("docs/schemas");
        factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(
                        mappers -> mappers.mapPrefix(ID_PREFIX, folder.toUri().toString())));
    }

    /** What is wrong with an event by the named schema ({@code report}, {@code stats}, …); empty when nothing. */
    public String problems(String schema, JsonNode event) {
        JsonSchema compiled = factory.getSchema(SchemaLocation.of(ID_PREFIX + schema + ".schema.json"));
        Set<ValidationMessage> messages = compiled.validate(event);
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }
}
