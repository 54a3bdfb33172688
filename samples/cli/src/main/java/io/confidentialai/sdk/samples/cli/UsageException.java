package io.confidentialai.sdk.samples.cli;

/**
 * A usage error or an unreadable input: the command prints its one-line message on stderr and exits with
 * status 2. It carries no stack trace.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
