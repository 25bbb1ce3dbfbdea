package dev.visitstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files as the tests read them: from the work tree, at test time. */
final class RepositoryFiles {

  private RepositoryFiles() {}

  static Path root() {
    String dir = System.getProperty("repo.dir");
    Path root = dir != null ? Path.of(dir) : Path.of("../..");
    return root.toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    Path file = path(relative);
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
