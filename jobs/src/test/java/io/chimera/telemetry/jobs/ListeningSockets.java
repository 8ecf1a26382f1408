package io.chimera.telemetry.jobs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets this JVM listens on, with their local addresses, read from Linux's {@code /proc}: the sockets
 * of {@code /proc/net/tcp} and {@code tcp6} in the LISTEN state whose inodes are among this process's file
 * descriptors.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** Each listening socket as "address:port" (IPv4 dotted, IPv6 as /proc spells it, in hex). */
    static Set<String> ofThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // Closed while listed.
                }
            }
        }
        Set<String> listening = new LinkedHashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    listening.add(readable(fields[1]));
                }
            }
        }
        return listening;
    }

    static boolean isLoopback(String socket) {
        String address = socket.substring(0, socket.lastIndexOf(':'));
        // ::1, and ::ffff:127.0.0.1, as /proc spells them.
        return address.startsWith("127.")
                || address.equals("00000000000000000000000001000000")
                || address.equals("0000000000000000FFFF00000100007F");
    }

    private static String readable(String hexAddressAndPort) {
        String[] parts = hexAddressAndPort.split(":");
        int port = Integer.parseInt(parts[1], 16);
        if (parts[0].length() == 8) {
            long ip = Long.parseLong(parts[0], 16);
            // Little-endian on x86: the first byte of the address is the lowest.
            return (ip & 0xff) + "." + (ip >> 8 & 0xff) + "." + (ip >> 16 & 0xff) + "." + (ip >> 24 & 0xff) + ":"
                    + port;
        }
        return parts[0] + ":" + port;
    }
}
