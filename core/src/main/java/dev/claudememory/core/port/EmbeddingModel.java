package dev.claudememory.core.port;

/**
 * Where the embedding model comes from: files shipped with the product, never a download.
 * Loading takes about a second and tens of megabytes of native memory, so it is done in the
 * background and undone when recall has not been used for a while.
 */
public interface EmbeddingModel {

  /** Names the model, as {@link TextEmbedder#modelId()} will. */
  String modelId();

  /**
   * Loads the model.
   *
   * @throws dev.claudememory.core.MemoryException with a message for people when it cannot be
   *     loaded here (no native library for this platform, a damaged file, too little memory)
   */
  TextEmbedder load();
}
