/**
 * The command-line contract every {@code bin/} script keeps: flags parsed the same way, {@code --set key=value}
 * overrides, {@code --help}, exit codes (0 success, 2 usage or bad input, 1 failure) with a one-line cause on
 * stderr, and output directories that appear only when complete ({@link mhlr.core.cli.AtomicOutput}).
 */
package mhlr.core.cli;
