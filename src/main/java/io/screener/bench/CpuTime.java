package io.screener.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** CPU time of this JVM, of the calling thread and of the JIT compilers, in nanoseconds. */
final class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final @Nullable CompilationMXBean COMPILER =
      ManagementFactory.getCompilationMXBean();

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

  /**
   * Time the JIT compilers have spent compiling since the JVM started, summed over the compiler
   * threads; 0 where the JVM does not report it.
   */
  static long jit() {
    return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported()
        ? TimeUnit.MILLISECONDS.toNanos(COMPILER.getTotalCompilationTime())
        : 0;
  }

  static long thisThread() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
