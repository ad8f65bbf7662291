package dev.claudememory.core;

/** The remote memory API failed in a way its caller did not expect. Never carries the API key. */
public final class RemoteApiException extends MemoryException {
  private static final long serialVersionUID = 1L;

  public RemoteApiException(String message) {
    super(message);
  }

  public RemoteApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
