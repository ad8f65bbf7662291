package dev.claudememory.core.port;

/** Breaks "ports are named for what they are for" with an I prefix. */
public interface IProbeStore {}
