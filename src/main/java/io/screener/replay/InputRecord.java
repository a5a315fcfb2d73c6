package io.screener.replay;

/**
 * One record read from an input file: its decoded value, or why it could not be decoded.
 *
 * @param line 1-based line number (record number for Avro files)
 * @param text the line as read (for dead letters); for Avro files, null until needed
 * @param value the decoded record, or null when {@code error} is set
 * @param error why the line is not a record, or null
 * @param crypto the line's own {@code crypto} label, or null when it has none
 * @param scenario the line's own {@code scenario} label, or null
 */
public record InputRecord<T>(long line, String text, T value, String error, Boolean crypto, String scenario) {}
