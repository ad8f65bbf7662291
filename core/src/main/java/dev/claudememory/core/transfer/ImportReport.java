package dev.claudememory.core.transfer;

/**
 * What an import did.
 *
 * @param imported memories added
 * @param skipped records left out because the database already held them
 */
public record ImportReport(int imported, int skipped) {}
