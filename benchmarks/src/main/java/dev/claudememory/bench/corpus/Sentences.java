package dev.claudememory.bench.corpus;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the slots of a {@link Vocabulary} template with seeded choices, collecting the related
 * search terms of what it chose.
 */
final class Sentences {
  private static final Pattern SLOT = Pattern.compile("\\{([a-z]+)}");

  private final Random random;

  Sentences(Random random) {
    this.random = random;
  }

  /** The template with every slot filled; related terms of the choices are added to {@code keywords}. */
  String fill(String template, Set<String> keywords) {
    Matcher slot = SLOT.matcher(template);
    StringBuilder sentence = new StringBuilder(template.length() + 64);
    while (slot.find()) {
      slot.appendReplacement(sentence, Matcher.quoteReplacement(choose(slot.group(1), keywords)));
    }
    slot.appendTail(sentence);
    // a template may start with a slot whose value is lower case ("the mobile app", "staging");
    // names cased on purpose ("jOOQ", "gRPC") stay as they are
    String first = sentence.substring(0, Math.max(sentence.indexOf(" "), 1));
    if (first.equals(first.toLowerCase(Locale.ROOT))) {
      sentence.setCharAt(0, Character.toUpperCase(sentence.charAt(0)));
    }
    return sentence.toString();
  }

  <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private String choose(String slot, Set<String> keywords) {
    switch (slot) {
      case "tech":
        return term(Vocabulary.TECHNOLOGIES, keywords);
      case "project":
        return term(Vocabulary.PROJECTS, keywords);
      case "person":
        return term(Vocabulary.PEOPLE, keywords);
      case "env":
        return term(Vocabulary.ENVIRONMENTS, keywords);
      case "error":
        return term(Vocabulary.ERRORS, keywords);
      case "command":
        return term(Vocabulary.COMMANDS, keywords);
      case "path":
        return term(Vocabulary.PATHS, keywords);
      case "duration":
        return pick(Vocabulary.DURATIONS);
      case "day":
        return pick(Vocabulary.DAYS);
      case "reason":
        return pick(Vocabulary.REASONS);
      case "number":
        return Integer.toString(number());
      default:
        throw new IllegalArgumentException("unknown slot {" + slot + "}");
    }
  }

  private String term(List<Term> terms, Set<String> keywords) {
    Term term = pick(terms);
    keywords.addAll(term.related());
    return term.text();
  }

  /** Small numbers are the common ones: versions, replicas, limits. */
  private int number() {
    int magnitude = random.nextInt(4);
    return 1 + random.nextInt(magnitude == 0 ? 10 : magnitude == 1 ? 100 : magnitude == 2 ? 1_000 : 10_000);
  }
}
