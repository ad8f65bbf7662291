package dev.claudememory.bench.recall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The note templates and phrase lists of {@code recall-eval/filler/templates.txt} (its header says
 * how a template is written).
 */
record FillerTemplates(List<Template> templates, Map<String, List<String>> phrases) {
  static final String RESOURCE = EvalSet.FOLDER + "filler/templates.txt";

  FillerTemplates {
    templates = List.copyOf(templates);
    phrases = Map.copyOf(phrases);
  }

  /**
   * @param needs which services the template fits: {@code any}; {@code running} (not a UI or
   *     on-device component); {@code serving} (an API or a queue worker); {@code port} (an API);
   *     {@code job} (a scheduled job)
   * @param repeat how many notes of one service it may give
   */
  record Template(String needs, String category, double importance, String topic, int repeat, String keywords, String text) {
    Template {
      if (!List.of("any", "running", "serving", "port", "job").contains(needs)) {
        throw new IllegalArgumentException("a template needs any, running, serving, port or job, not " + needs);
      }
      if (repeat < 1) {
        throw new IllegalArgumentException("repeat must be at least 1");
      }
    }

    boolean fits(FillerWorld.Service service) {
      boolean kindFits = switch (needs) {
        case "running" -> !service.kind().equals("component");
        case "serving" -> service.kind().equals("api") || service.kind().equals("worker");
        case "port" -> service.port().isPresent();
        case "job" -> service.kind().equals("job");
        default -> true;
      };
      return kindFits && (service.storesData() || !text.contains("{svc.store}"));
    }
  }

  static FillerTemplates shipped() {
    return parse(EvalSet.lines(RESOURCE));
  }

  /** @param lines the file's non-blank, non-comment lines */
  static FillerTemplates parse(List<String> lines) {
    List<Template> templates = new ArrayList<>();
    Map<String, List<String>> phrases = new LinkedHashMap<>();
    List<String> currentList = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("@")) {
        currentList = new ArrayList<>();
        phrases.put(line.substring(1).strip(), currentList);
      } else if (line.startsWith("[")) {
        currentList = null;
        if (i + 2 >= lines.size() || !lines.get(i + 1).startsWith("keywords: ")) {
          throw new IllegalArgumentException(RESOURCE + ": the template '" + line + "' needs a keywords line and a text");
        }
        templates.add(template(line, lines.get(i + 1).substring("keywords: ".length()), lines.get(i + 2)));
        i += 2;
      } else if (currentList != null) {
        currentList.add(line.strip());
      } else {
        throw new IllegalArgumentException(RESOURCE + ": a line outside any template or list: " + line);
      }
    }
    return new FillerTemplates(templates, phrases);
  }

  private static Template template(String header, String keywords, String text) {
    String[] parts = header.substring(header.indexOf(']') + 1).strip().split("\\s+");
    if (parts.length < 3) {
      throw new IllegalArgumentException(RESOURCE + ": a header is '[needs] category importance topic', not " + header);
    }
    int repeat = parts.length > 3 && parts[3].startsWith("repeat=") ? Integer.parseInt(parts[3].substring(7)) : 1;
    return new Template(
        header.substring(1, header.indexOf(']')), parts[0], Double.parseDouble(parts[1]), parts[2], repeat, keywords, text);
  }
}
