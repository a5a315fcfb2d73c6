package io.screener.cli;

/** Placeholder entry point; replaced by the picocli command. */
public final class ScreenerCommand {
  private ScreenerCommand() {}

  public static void main(String[] args) {}
}
