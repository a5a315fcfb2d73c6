package io.screener.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The collections this JVM has paused for since it started, and their summed time in milliseconds,
 * as its garbage collector beans report them. Beans that time concurrent work rather than pauses
 * (ZGC's and Shenandoah's "Cycles", G1's "Concurrent GC" on newer JDKs) are left out.
 */
record GcPauses(long count, long millis) {

  static GcPauses now() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      String name = gc.getName();
      if (name.contains("Cycles") || name.contains("Concurrent")) {
        continue;
      }
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new GcPauses(count, millis);
  }

  /** The pauses between {@code earlier} and this. */
  GcPauses since(GcPauses earlier) {
    return new GcPauses(count - earlier.count, millis - earlier.millis);
  }
}
