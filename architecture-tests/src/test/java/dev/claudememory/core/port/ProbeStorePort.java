package dev.claudememory.core.port;

/** Breaks "ports are named for what they are for" with a Port suffix. */
public interface ProbeStorePort {}
