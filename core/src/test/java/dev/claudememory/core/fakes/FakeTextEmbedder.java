package dev.claudememory.core.fakes;

import dev.claudememory.core.port.TextEmbedder;

/** An embedder loaded by a {@link FakeEmbeddingModel}; it refuses to embed once closed. */
public final class FakeTextEmbedder implements TextEmbedder {
  private final FakeEmbeddingModel model;
  private volatile boolean closed;

  FakeTextEmbedder(FakeEmbeddingModel model) {
    this.model = model;
  }

  @Override
  public String modelId() {
    return model.modelId();
  }

  @Override
  public int dimensions() {
    return FakeEmbeddingModel.DIMENSIONS;
  }

  @Override
  public float[] embed(String text) {
    if (closed) {
      // a real model's native memory is gone by now: using it would crash the process
      throw new IllegalStateException("the embedder was used after it was closed");
    }
    return model.embed(text);
  }

  @Override
  public void close() {
    model.closing();
    closed = true;
  }

  public boolean isClosed() {
    return closed;
  }
}
