package io.screener.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The review console's settings ({@code console.*}), read with the rest of the screener's.
 *
 * @param host the address the console listens on (loopback by default)
 * @param port its port; 0 picks a free one
 * @param usersFile the analysts who may sign in (HTTP basic authentication), one {@code
 *     name:password} a line; empty: no sign-in, which only a loopback address allows
 * @param queueSize how many flagged and blocked payments the console keeps, the newest
 * @param maxAccounts how many accounts' statuses, ladders and reputations it keeps, the most
 *     recently touched
 */
public record ConsoleSettings(
    String host, int port, Optional<Path> usersFile, int queueSize, int maxAccounts) {

  public static final String ADDRESS = "console.address";
  public static final String USERS_FILE = "console.users-file";

  static Map<String, String> defaults() {
    return Map.of(
        ADDRESS,
        "127.0.0.1:8080",
        USERS_FILE,
        "",
        "console.queue-size",
        "5000",
        "console.max-accounts",
        "100000");
  }

  static ConsoleSettings from(Settings s, Path base) {
    HostPort address;
    try {
      address = HostPort.parse(s.string(ADDRESS));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ADDRESS, String.valueOf(e.getMessage()));
    }
    String host = address.host();
    int port = address.port();
    Optional<Path> users =
        s.has(USERS_FILE) ? Optional.of(base.resolve(s.string(USERS_FILE))) : Optional.empty();
    if (users.isEmpty() && !loopback(host)) {
      throw new ConfigException(
          ADDRESS,
          host
              + " is reachable from other machines: set "
              + USERS_FILE
              + " (the analysts who may sign in) or listen on 127.0.0.1");
    }
    return new ConsoleSettings(
        host,
        port,
        users,
        s.intInRange("console.queue-size", 10, 1_000_000),
        s.intInRange("console.max-accounts", 100, 10_000_000));
  }

  /** The address as a URL's authority: {@code host:port}, an IPv6 host in brackets. */
  public String authority(int boundPort) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort;
  }

  /**
   * Whether {@code host} names only this machine: {@code localhost} or a loopback address. Names
   * are not looked up (a name could resolve elsewhere tomorrow); wildcards such as {@code 0.0.0.0}
   * are not loopback.
   */
  public static boolean loopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses, so that nothing is looked up: IPv4 digits and dots, or IPv6 with ':'.
    if (!host.matches("[0-9.]+|[0-9a-fA-F]*:[0-9a-fA-F:.]*")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
