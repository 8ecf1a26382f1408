package io.chimera.telemetry.parse;

import io.chimera.telemetry.records.DeadLetterKind;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to text for artifacts written on any OS: UTF-8 with or without a byte order mark, UTF-16 with one
 * (PowerShell's default), and Windows-1252 for text that is not valid UTF-8. Anything with NUL bytes or mostly
 * control characters is binary.
 */
final class TextDecoding {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {}

    static String decode(byte[] bytes) throws MalformedArtifactException {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return strictUtf8(bytes, 3);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw looksLikeUtf16(bytes)
                        ? new MalformedArtifactException(
                                DeadLetterKind.ENCODING,
                                "UTF-16 text without a valid byte"
                                        + " order mark (NUL at every other byte); save it as UTF-8")
                        : new MalformedArtifactException(
                                DeadLetterKind.BINARY, "binary content, not text (NUL byte at offset " + i + ")");
            }
        }
        return strictUtf8(bytes, 0);
    }

    private static String strictUtf8(byte[] bytes, int offset) throws MalformedArtifactException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            CharBuffer chars = decoder.decode(input);
            return chars.toString();
        } catch (MalformedInputException e) {
            return legacyText(bytes, offset);
        } catch (CharacterCodingException e) {
            throw new MalformedArtifactException(DeadLetterKind.ENCODING, "not readable as text: " + e);
        }
    }

    /** Windows-1252 when the bytes look like text in it; binary otherwise. */
    private static String legacyText(byte[] bytes, int offset) throws MalformedArtifactException {
        int control = 0;
        for (int i = offset; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                control++;
            }
        }
        int length = Math.max(1, bytes.length - offset);
        if (control * 100 > length) {
            throw new MalformedArtifactException(
                    DeadLetterKind.BINARY,
                    "binary content, not text (" + control + " control bytes in " + length + ")");
        }
        return new String(bytes, offset, bytes.length - offset, WINDOWS_1252);
    }

    /** Most NULs on one parity of offsets: ASCII text in UTF-16 whose byte order mark is missing or mangled. */
    private static boolean looksLikeUtf16(byte[] bytes) {
        int sample = Math.min(bytes.length, 4096);
        int evenNuls = 0;
        int oddNuls = 0;
        for (int i = 0; i < sample; i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) {
                    evenNuls++;
                } else {
                    oddNuls++;
                }
            }
        }
        int pairs = sample / 2;
        return pairs > 0 && (Math.max(evenNuls, oddNuls) * 10 >= pairs * 7) && Math.min(evenNuls, oddNuls) * 10 < pairs;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
