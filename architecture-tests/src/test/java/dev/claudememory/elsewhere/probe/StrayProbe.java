package dev.claudememory.elsewhere.probe;

/** Breaks "every class lives in a known part of the hexagon". */
public final class StrayProbe {}
