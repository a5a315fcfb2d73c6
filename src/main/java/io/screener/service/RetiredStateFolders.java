package io.screener.service;

import io.screener.files.Folders;
import io.screener.topology.ScreenerTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folders an earlier release left in the state directory that nothing reads any more.
 *
 * <p>Until the release after 2026-12-07, {@code spilled-legs} was a window store: one RocksDB
 * database per segment under {@code <state.dir>/<application.id>/<task>/spilled-legs/}. It is a
 * key-value store now, under {@code <task>/rocksdb/spilled-legs/} beside the other stores, and
 * restores from the same changelog. Under exactly-once Kafka Streams wipes the upgraded tasks once
 * and the old folders go with them; at-least-once it does not, so they are removed here. A folder
 * holding anything but segment folders is left where it is, with a warning: it is not one this
 * build knows how it came to be. A folder that cannot be removed is reported and left too: it only
 * takes disk space.
 */
final class RetiredStateFolders {
  private static final Logger LOG = LoggerFactory.getLogger(RetiredStateFolders.class);
  private static final Pattern TASK = Pattern.compile("\\d+_\\d+");
  private static final String STORE = ScreenerTopology.SPILLED_LEGS_STORE;
  private static final Pattern SEGMENT = Pattern.compile(Pattern.quote(STORE) + "\\.\\d+");

  private RetiredStateFolders() {}

  /**
   * Removes the window-store folders of {@code spilled-legs} from the tasks of {@code
   * applicationId} under {@code stateDir}. Call it while this process holds the application's state
   * directory (after the streams client is constructed, before it starts).
   *
   * @return the folders removed
   */
  static List<Path> remove(Path stateDir, String applicationId) {
    Path application = stateDir.resolve(applicationId);
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(application)) {
      return removed;
    }
    try (Stream<Path> tasks = Files.list(application)) {
      for (Path task : tasks.toList()) {
        Path folder = task.resolve(STORE);
        if (TASK.matcher(task.getFileName().toString()).matches() && Files.isDirectory(folder)) {
          if (onlySegments(folder)) {
            Folders.delete(folder);
            removed.add(folder);
            LOG.info(
                "removed {}: spilled-legs was a window store there before it became a key-value"
                    + " store under rocksdb/ (docs/state.md, \"Upgrades\")",
                folder);
          } else {
            LOG.warn(
                "left {} in place: it holds more than the segments of the window store spilled-legs"
                    + " was, which nothing reads any more",
                folder);
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // Tidying is not worth refusing to start over: the folders only take disk space.
      LOG.warn("could not remove the retired folders under {}: {}", application, e.toString());
    }
    return removed;
  }

  private static boolean onlySegments(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.allMatch(
          entry ->
              Files.isDirectory(entry)
                  && SEGMENT.matcher(entry.getFileName().toString()).matches());
    }
  }
}
