package dev.claudememory.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.claudememory.core.MemoryException;
import dev.claudememory.core.port.TextEmbedder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A sentence-transformers model run by ONNX Runtime: the text's token vectors averaged over its
 * tokens and scaled to unit length. One text at a time, unpadded (padding changes the quantized
 * model's vectors a little), on the caller's thread: the session is built with one thread and no
 * spinning, so a recall costs one core for about a millisecond and an idle model costs nothing.
 */
final class OnnxTextEmbedder implements TextEmbedder {
  private final String modelId;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;
  private final boolean takesTokenTypes;
  private final int dimensions;

  OnnxTextEmbedder(
      String modelId, OrtEnvironment environment, OrtSession session, WordPieceTokenizer tokenizer, int dimensions) {
    this.modelId = modelId;
    this.environment = environment;
    this.session = session;
    this.tokenizer = tokenizer;
    this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
    this.dimensions = dimensions;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public float[] embed(String text) {
    long[] ids = tokenizer.encode(text);
    long[] ones = new long[ids.length];
    Arrays.fill(ones, 1);
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(environment, new long[][] {ids}));
      inputs.put("attention_mask", OnnxTensor.createTensor(environment, new long[][] {ones}));
      if (takesTokenTypes) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(environment, new long[][] {new long[ids.length]}));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
        return meanOfUnitLength(tokens);
      }
    } catch (OrtException e) {
      throw new MemoryException("The embedding model failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private float[] meanOfUnitLength(float[][] tokens) {
    float[] mean = new float[dimensions];
    for (float[] token : tokens) {
      for (int i = 0; i < dimensions; i++) {
        mean[i] += token[i];
      }
    }
    double squares = 0;
    for (int i = 0; i < dimensions; i++) {
      mean[i] /= tokens.length;
      squares += (double) mean[i] * mean[i];
    }
    float norm = (float) Math.sqrt(squares);
    if (norm > 0) {
      for (int i = 0; i < dimensions; i++) {
        mean[i] /= norm;
      }
    }
    return mean;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new MemoryException("Could not close the embedding model: " + e.getMessage(), e);
    }
  }
}
