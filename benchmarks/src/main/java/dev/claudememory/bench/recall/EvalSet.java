package dev.claudememory.bench.recall;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The recall evaluation set: the memories and the questions judged against them, as shipped under
 * {@code recall-eval/} in this module's resources ({@code files.txt} lists the data files).
 *
 * @throws IllegalArgumentException when the set is inconsistent: a key or id twice, two memories a
 *     store would take for the same content, a judgment naming no memory, an answer to a 'current'
 *     question that is not newer than what it replaced
 */
public record EvalSet(List<EvalMemory> memories, List<EvalQuery> queries) {
  static final String FOLDER = "recall-eval/";
  static final String FILE_LIST = FOLDER + "files.txt";

  public EvalSet {
    memories = List.copyOf(memories);
    queries = List.copyOf(queries);
    Map<String, EvalMemory> byKey = new HashMap<>();
    Map<String, String> byContent = new HashMap<>();
    for (EvalMemory memory : memories) {
      if (byKey.put(memory.key(), memory) != null) {
        throw new IllegalArgumentException("the key " + memory.key() + " is used twice");
      }
      String earlier = byContent.put(sameContent(memory.content()), memory.key());
      if (earlier != null) {
        throw new IllegalArgumentException(memory.key() + " holds the same content as " + earlier);
      }
    }
    Set<String> ids = new HashSet<>();
    for (EvalQuery query : queries) {
      if (!ids.add(query.id())) {
        throw new IllegalArgumentException("the query id " + query.id() + " is used twice");
      }
      List<String> named = new ArrayList<>(query.judgments().keySet());
      named.addAll(query.outdated());
      for (String key : named) {
        if (!byKey.containsKey(key)) {
          throw new IllegalArgumentException(query.id() + " names " + key + ", which is no memory of the set");
        }
      }
      if (query.stratum() == Stratum.CURRENT) {
        EvalMemory newest = byKey.get(query.answers().get(0));
        for (String key : query.outdated()) {
          if (!byKey.get(key).createdAt().isBefore(newest.createdAt())) {
            throw new IllegalArgumentException(query.id() + ": " + newest.key() + " is not newer than " + key);
          }
        }
      }
    }
  }

  /** The set shipped in this module's resources. */
  public static EvalSet shipped() {
    List<EvalMemory> memories = new ArrayList<>();
    List<EvalQuery> queries = new ArrayList<>();
    for (String file : lines(FILE_LIST)) {
      if (file.startsWith("memories/")) {
        memories.addAll(read(file, EvalSetFormat::memory));
      } else if (file.startsWith("queries/")) {
        queries.addAll(read(file, EvalSetFormat::query));
      } else {
        throw new IllegalArgumentException(FILE_LIST + " names " + file + ", neither memories/ nor queries/");
      }
    }
    return new EvalSet(memories, queries);
  }

  /** The queries of each stratum, in file order. */
  public Map<Stratum, List<EvalQuery>> byStratum() {
    Map<Stratum, List<EvalQuery>> strata = new EnumMap<>(Stratum.class);
    for (Stratum stratum : Stratum.values()) {
      strata.put(stratum, new ArrayList<>());
    }
    queries.forEach(query -> strata.get(query.stratum()).add(query));
    return strata;
  }

  /**
   * Content as the product compares it for duplicates (case, spacing and Unicode form ignored): the
   * import would skip a second memory with the same content, date and category, and the set must
   * not lean on that.
   */
  static String sameContent(String content) {
    return Normalizer.normalize(content, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  static <T> List<T> read(String file, Function<String, T> parser) {
    List<T> items = new ArrayList<>();
    List<String> lines = lines(FOLDER + file);
    for (int i = 0; i < lines.size(); i++) {
      try {
        items.add(parser.apply(lines.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(FOLDER + file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return items;
  }

  /** The non-blank lines of a resource, without comment lines. */
  static List<String> lines(String resource) {
    requireNonNull(resource, "resource");
    try (InputStream in = EvalSet.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource + " on the class path");
      }
      List<String> lines = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
