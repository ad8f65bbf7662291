package dev.claudememory.core.port;

/**
 * The embedding model, in-process: turns a text into a vector of its meaning, so that texts that
 * say the same thing in other words lie close together. No network.
 *
 * <p>Thread-safe. It holds native memory until {@link #close()}d.
 */
public interface TextEmbedder extends AutoCloseable {

  /** Names the model: vectors of different models are never compared. */
  String modelId();

  /** The length of every vector it returns. */
  int dimensions();

  /**
   * The vector of {@code text}, of unit length. A text longer than the model reads is cut to its
   * beginning.
   *
   * @throws dev.claudememory.core.MemoryException when the model fails
   */
  float[] embed(String text);

  @Override
  void close();
}
