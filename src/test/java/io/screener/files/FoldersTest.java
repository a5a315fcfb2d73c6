package io.screener.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {
  @TempDir Path dir;

  @Test
  void shouldDeleteAFolderWithEverythingUnderIt() throws IOException {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("a/b/c"));
    Files.writeString(root.resolve("a/b/c/file.txt"), "x");
    Files.writeString(root.resolve("a/top.txt"), "y");
    Files.createDirectories(root.resolve("empty"));
    Path beside = Files.writeString(dir.resolve("beside.txt"), "kept");

    Folders.delete(root);

    assertFalse(Files.exists(root));
    assertTrue(Files.exists(beside), "only the folder asked for");
  }

  @Test
  void shouldDoNothingForAFolderThatIsNotThere() throws IOException {
    Folders.delete(dir.resolve("missing"));
    assertTrue(Folders.deleteQuietly(dir.resolve("missing")));
    assertTrue(Files.exists(dir));
  }
}
