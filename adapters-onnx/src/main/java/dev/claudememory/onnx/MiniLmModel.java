package dev.claudememory.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.claudememory.core.MemoryException;
import dev.claudememory.core.port.EmbeddingModel;
import dev.claudememory.core.port.TextEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * all-MiniLM-L6-v2, quantized to int8 (sentence-transformers, Apache-2.0; 384 dimensions, reads
 * 128 word pieces), from the files shipped in the jar. Its files and ONNX Runtime's native
 * libraries are copied once into a folder under the memory home ({@link ExtractedFiles}) and the
 * model is read from that file, not into the heap.
 */
public final class MiniLmModel implements EmbeddingModel {
  static final String MODEL_ID = "all-minilm-l6-v2-q";
  private static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
  private static final int DIMENSIONS = 384;
  private static final int MAX_TOKENS = 128;
  private static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";

  private final Path home;

  /** @param home the memory home: the model's files are kept in its {@code models} folder */
  public MiniLmModel(Path home) {
    this.home = home;
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public TextEmbedder load() {
    Path natives = nativeLibraries();
    // read once, when ONNX Runtime's classes first load: set before any of them is touched
    System.setProperty(NATIVE_PATH_PROPERTY, natives.toString());
    Path models = ExtractedFiles.extract(home.resolve("models"), MODEL_ID, List.of(MODEL_RESOURCE));
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(vocabulary(), MAX_TOKENS);
    try {
      OrtEnvironment environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "claude-memory");
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.addConfigEntry("session.inter_op.allow_spinning", "0");
      OrtSession session =
          environment.createSession(models.resolve(MODEL_RESOURCE.substring(1)).toString(), options);
      return new OnnxTextEmbedder(MODEL_ID, environment, session, tokenizer, DIMENSIONS);
    } catch (OrtException e) {
      throw new MemoryException("Could not load the embedding model: " + e.getMessage(), e);
    } catch (UnsatisfiedLinkError e) {
      throw new MemoryException("Could not load ONNX Runtime's native library on " + platform() + ": " + e.getMessage(), e);
    }
  }

  /** ONNX Runtime's two libraries for this platform, copied out of the jar. */
  private Path nativeLibraries() {
    String platform = platform();
    String folder = "/ai/onnxruntime/native/" + platform + "/";
    List<String> libraries =
        List.of(folder + System.mapLibraryName("onnxruntime"), folder + System.mapLibraryName("onnxruntime4j_jni"));
    if (MiniLmModel.class.getResource(libraries.get(0)) == null) {
      throw new MemoryException("This build has no ONNX Runtime library for " + platform
          + ": recall by meaning is not available here");
    }
    return ExtractedFiles.extract(home.resolve("native"), "onnxruntime-" + platform, libraries);
  }

  /** As ONNX Runtime names its platforms: linux-x64, osx-aarch64, win-x64, … */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String system = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : "linux";
    String machine = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("arm64") ? "aarch64" : arch;
    return system + "-" + machine;
  }

  /**
   * The vocabulary of {@code tokenizer.json} ({@code model.vocab}: word piece to id), read as a
   * stream: building a tree of the whole file costs ten times as long at start.
   */
  private static Map<String, Integer> vocabulary() {
    try (InputStream in = MiniLmModel.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
      if (in == null) {
        throw new MemoryException("This build has no tokenizer for the embedding model");
      }
      try (JsonParser parser = new JsonFactory().createParser(in)) {
        if (parser.nextToken() != JsonToken.START_OBJECT || !enter(parser, "model") || !enter(parser, "vocab")) {
          throw new MemoryException("The embedding model's tokenizer has no vocabulary");
        }
        Map<String, Integer> ids = new HashMap<>(65_536);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String piece = parser.currentName();
          parser.nextToken();
          ids.put(piece, parser.getIntValue());
        }
        return ids;
      }
    } catch (IOException e) {
      throw new MemoryException("Could not read the embedding model's tokenizer: " + e.getMessage(), e);
    }
  }

  /** Moves into the object of this field of the current object; false when it has none. */
  private static boolean enter(JsonParser parser, String field) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals(field) && value == JsonToken.START_OBJECT) {
        return true;
      }
      parser.skipChildren();
    }
    return false;
  }
}
