package dev.visitstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The pipeline job's Java sources, searched for its option getters. */
final class PipelineSources {

    static final String LOCATION = "pipeline-job/src/main/java";

    private final String text;

    private PipelineSources(String text) {
        this.text = text;
    }

    static PipelineSources load() {
        Path root = RepositoryFiles.path(LOCATION);
        if (!Files.isDirectory(root)) {
            throw new AssertionError(LOCATION + " is missing: the checks read the pipeline's options from it");
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PipelineSources(all.toString());
    }

    /** Whether an options interface declares this option (a getter get<Name>() or is<Name>()). */
    boolean declaresOption(String name) {
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return Pattern.compile("\\b(get|is)" + capitalized + "\\s*\\(\\s*\\)").matcher(text).find();
    }
}
