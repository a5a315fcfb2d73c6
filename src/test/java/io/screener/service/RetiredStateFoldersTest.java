package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetiredStateFoldersTest {
  @TempDir Path stateDir;

  @Test
  void shouldRemoveTheWindowStoreSegmentsAndKeepEverythingElse() throws IOException {
    Path task = stateDir.resolve("payment-screener/5_1");
    Path segment = task.resolve("spilled-legs/spilled-legs.1733011200000");
    Files.createDirectories(segment);
    Files.writeString(segment.resolve("000012.sst"), "rocksdb");
    Files.createDirectories(task.resolve("spilled-legs/spilled-legs.1733054400000"));
    Path emptyOld = Files.createDirectories(stateDir.resolve("payment-screener/5_2/spilled-legs"));
    Path store = Files.createDirectories(task.resolve("rocksdb/spilled-legs"));
    Files.writeString(store.resolve("CURRENT"), "MANIFEST-000005");
    Path account = Files.createDirectories(task.resolve("rocksdb/account-activity"));
    Path otherApplication =
        Files.createDirectories(stateDir.resolve("another-app/5_1/spilled-legs/spilled-legs.1"));

    List<Path> removed = RetiredStateFolders.remove(stateDir, "payment-screener");

    assertEquals(
        List.of(emptyOld, task.resolve("spilled-legs")).stream().sorted().toList(),
        removed.stream().sorted().toList());
    assertFalse(Files.exists(task.resolve("spilled-legs")));
    assertFalse(Files.exists(emptyOld));
    assertTrue(Files.isRegularFile(store.resolve("CURRENT")));
    assertTrue(Files.isDirectory(account));
    assertTrue(Files.isDirectory(otherApplication));
  }

  @Test
  void shouldLeaveAFolderThatHoldsMoreThanSegments() throws IOException {
    Path folder = stateDir.resolve("payment-screener/5_1/spilled-legs");
    Files.createDirectories(folder.resolve("spilled-legs.1733011200000"));
    Files.writeString(folder.resolve("notes.txt"), "kept by an operator");
    Path notATask =
        Files.createDirectories(stateDir.resolve("payment-screener/global/spilled-legs"));

    assertEquals(List.of(), RetiredStateFolders.remove(stateDir, "payment-screener"));
    assertTrue(Files.isRegularFile(folder.resolve("notes.txt")));
    assertTrue(Files.isDirectory(folder.resolve("spilled-legs.1733011200000")));
    assertTrue(Files.isDirectory(notATask));
  }

  @Test
  void shouldDoNothingForAnApplicationWithNoStateYet() {
    assertEquals(List.of(), RetiredStateFolders.remove(stateDir, "payment-screener"));
  }
}
