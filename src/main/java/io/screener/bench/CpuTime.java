package io.screener.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU time of this JVM and of the calling thread, in nanoseconds. */
final class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTime() {}

  /**
   * CPU time of the whole process: every thread, including those a native library (RocksDB) starts
   * for itself, which no Java thread view sees.
   */
  static long process() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long nanos = os.getProcessCpuTime();
      if (nanos >= 0) {
        return nanos;
      }
    }
    throw new IllegalStateException("this JVM does not report its process CPU time");
  }

  static long thisThread() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
