package dev.claudememory.core.sync;

/** Wakes the background sync after a local write; returns at once and never touches the network. */
@FunctionalInterface
public interface SyncTrigger {
  SyncTrigger NONE = () -> {};

  void wake();
}
