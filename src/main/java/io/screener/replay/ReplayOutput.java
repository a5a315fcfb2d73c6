package io.screener.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.screener.files.Folders;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The output folder of a replay. Everything is written under a hidden temporary folder inside it
 * and moved into place only when the run completes, so a failed or interrupted run never leaves
 * files that look complete.
 */
final class ReplayOutput implements Closeable {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final Path dir;
  private final Path staging;
  private final List<JsonGenerator> open = new ArrayList<>();
  private final List<OutputStream> streams = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private boolean committed;

  ReplayOutput(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    this.staging = Files.createTempDirectory(dir, ".replay-");
  }

  /** A JSON Lines file: one value per line, compact. */
  JsonGenerator jsonLines(String name) throws IOException {
    JsonGenerator out = JSON.createGenerator(writer(name));
    out.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    open.add(out);
    return out;
  }

  /** A file of bytes (e.g. JSON Lines encoded by hand), closed on commit. */
  OutputStream stream(String name) throws IOException {
    names.add(name);
    OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(staging.resolve(name)), 1 << 16);
    streams.add(out);
    return out;
  }

  /** A text or JSON file written in one go. */
  BufferedWriter writer(String name) throws IOException {
    names.add(name);
    return new BufferedWriter(
        new OutputStreamWriter(
            Files.newOutputStream(staging.resolve(name)), StandardCharsets.UTF_8),
        1 << 16);
  }

  /**
   * Ends every JSON Lines file with a newline (when not empty), then moves all files into place.
   */
  void commit() throws IOException {
    for (JsonGenerator out : open) {
      if (out.getOutputContext().getEntryCount() > 0) {
        out.writeRaw('\n');
      }
      out.close();
    }
    open.clear();
    for (OutputStream out : streams) {
      out.close();
    }
    streams.clear();
    for (String name : names) {
      Files.move(
          staging.resolve(name),
          dir.resolve(name),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    committed = true;
    Folders.delete(staging);
  }

  @Override
  public void close() throws IOException {
    if (committed) {
      return;
    }
    for (JsonGenerator out : open) {
      try {
        out.close();
      } catch (IOException e) {
        // Discarded anyway.
      }
    }
    for (OutputStream out : streams) {
      try {
        out.close();
      } catch (IOException e) {
        // Discarded anyway.
      }
    }
    Folders.delete(staging);
  }
}
