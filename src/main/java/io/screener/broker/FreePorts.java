package io.screener.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks TCP ports that are currently free on the IPv4 loopback address 127.0.0.1. */
public final class FreePorts {
  private FreePorts() {}

  /**
   * Returns {@code count} distinct ports that were free on 127.0.0.1 at the time of the call.
   *
   * <p>The ports are released before this method returns, so another process may take one before
   * the caller binds it; the window is small but not zero.
   *
   * @param count how many ports, at least 1
   * @return distinct free ports
   */
  public static int[] onLoopback(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
    InetAddress loopback = loopbackAddress();
    List<ServerSocket> held = new ArrayList<>(count);
    try {
      int[] ports = new int[count];
      // All sockets stay open until every port is chosen, so the kernel cannot hand out the same
      // port twice.
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, loopback);
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a never-accepted listening socket cannot lose data.
        }
      }
    }
  }

  /**
   * Returns one port that was free on 127.0.0.1 at the time of the call.
   *
   * @return a free port
   */
  public static int onLoopback() {
    return onLoopback(1)[0];
  }

  static InetAddress loopbackAddress() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
