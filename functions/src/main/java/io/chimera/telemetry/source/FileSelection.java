package io.chimera.telemetry.source;

import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Which files under the watched folders the user chose, by glob ({@code --include}, {@code --exclude}, each
 * repeatable): a file is read when it matches some include (or none is given) and no exclude. A glob with a
 * {@code /} is matched against the file's path below its watched folder ({@code archive/**},
 * {@code **}{@code /base/*}), one without against its name alone at any depth ({@code *.json},
 * {@code stdout*.log}), as in a {@code .gitignore}. {@code *} stays within a folder, {@code **} crosses folders,
 * {@code {a,b}} is either. Files left out are not discovered at all, as files of unknown kinds are not.
 */
public record FileSelection(List<String> include, List<String> exclude) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Every file. */
    public static final FileSelection ALL = new FileSelection(List.of(), List.of());

    /** @throws IllegalArgumentException naming the flag and the glob it cannot read */
    public FileSelection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        compile(include, "--include");
        compile(exclude, "--exclude");
    }

    /** Why a file is left out, or null when it is read. */
    public String leftOutBecause(String pathBelowRoot) {
        return selector().leftOutBecause(pathBelowRoot);
    }

    public boolean selectsAll() {
        return include.isEmpty() && exclude.isEmpty();
    }

    /** The globs compiled, for a listing to ask about each of its files: not serialisable. */
    public Selector selector() {
        return new Selector(this, compile(include, "--include"), compile(exclude, "--exclude"));
    }

    /** A {@link FileSelection} ready to match. */
    public static final class Selector {

        private final FileSelection selection;
        private final List<PathMatcher> include;
        private final List<PathMatcher> exclude;

        private Selector(FileSelection selection, List<PathMatcher> include, List<PathMatcher> exclude) {
            this.selection = selection;
            this.include = include;
            this.exclude = exclude;
        }

        public boolean selectsAll() {
            return selection.selectsAll();
        }

        /** Why a file is left out, or null when it is read. */
        public String leftOutBecause(String pathBelowRoot) {
            if (selection.selectsAll()) {
                return null;
            }
            String path = pathBelowRoot.replace('\\', '/');
            if (!include.isEmpty() && firstMatch(selection.include(), include, path) == null) {
                return "matches no --include (" + String.join(", ", selection.include()) + ")";
            }
            String excluding = firstMatch(selection.exclude(), exclude, path);
            return excluding == null ? null : "matches --exclude '" + excluding + "'";
        }
    }

    private static String firstMatch(List<String> globs, List<PathMatcher> matchers, String path) {
        Path whole = Path.of(path);
        Path name = whole.getFileName();
        for (int i = 0; i < globs.size(); i++) {
            Path subject = globs.get(i).contains("/") ? whole : name;
            if (subject != null && matchers.get(i).matches(subject)) {
                return globs.get(i);
            }
        }
        return null;
    }

    private static List<PathMatcher> compile(List<String> globs, String flag) {
        List<PathMatcher> matchers = new ArrayList<>(globs.size());
        for (String glob : globs) {
            if (glob == null || glob.isBlank()) {
                throw new IllegalArgumentException(flag + " needs a glob such as '*.json' or 'archive/**'");
            }
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(flag + " '" + glob + "' is not a glob: " + e.getDescription());
            }
        }
        return matchers;
    }
}
