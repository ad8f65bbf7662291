package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to {@code POST /api/memories/{id}/secret}: {@code {"id","content","source"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SecretBody(
    @JsonProperty("id") Long id,
    @JsonProperty("content") String content,
    @JsonProperty("source") String source) {

  /** Never shows content: it is the secret. */
  @Override
  public String toString() {
    return "SecretBody[id=" + id + ", source=" + source + "]";
  }
}
