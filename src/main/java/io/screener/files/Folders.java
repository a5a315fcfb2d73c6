package io.screener.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removing a folder and everything in it. */
public final class Folders {
  private Folders() {}

  /**
   * Deletes {@code root} and everything under it, deepest first; nothing when it does not exist.
   *
   * @throws IOException when an entry cannot be listed or deleted (what was deleted before it stays
   *     deleted)
   */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> deepestFirst;
    try (Stream<Path> paths = Files.walk(root)) {
      deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path path : deepestFirst) {
      Files.deleteIfExists(path);
    }
  }

  /**
   * As {@link #delete}, for a temporary folder whose leftovers do no harm: a failure leaves what it
   * could not delete and returns false.
   */
  public static boolean deleteQuietly(Path root) {
    try {
      delete(root);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
