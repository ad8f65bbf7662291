package dev.claudememory.core.service;

/**
 * What {@link LocalFirstMemoryService#store} does with content a memory already holds (equal after
 * the normalisation of {@link dev.claudememory.core.memory.ContentKey}).
 */
public enum DuplicateContent {
  /** Store nothing and answer the existing memory (the default). */
  RETURN_EXISTING,
  /** Store a second memory all the same ({@code MEMORY_ALLOW_DUPLICATES=1}). */
  STORE_AGAIN
}
