package io.screener.config;

/** A listening address as the settings give it: {@code host:port}, an IPv6 host in brackets. */
public record HostPort(String host, int port) {
  /**
   * Parses {@code host:port}; port 0 asks for any free port.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static HostPort parse(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException("must be host:port, was '" + address + "'");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port is not a number: '" + address + "'", e);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    return new HostPort(host, port);
  }
}
