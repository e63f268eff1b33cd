package dev.corkboard.platform.config;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a process opened, closed last opened first. A failure to close one resource never keeps the
 * rest open: it is added to the failure being handled, or logged.
 */
public final class Resources implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  /** Adds a resource just opened; answers it. */
  public <T extends AutoCloseable> T add(T resource) {
    opened.push(resource);
    return resource;
  }

  /** Closes everything after {@code cause} made opening fail; what fails to close joins it. */
  public void closeAfter(Throwable cause) {
    closeAll(cause);
  }

  /** Closes everything, logging what fails to close. */
  @Override
  public void close() {
    closeAll(null);
  }

  private void closeAll(@Nullable Throwable cause) {
    while (!opened.isEmpty()) {
      AutoCloseable resource = opened.pop();
      try {
        resource.close();
      } catch (Exception e) {
        if (cause != null) {
          cause.addSuppressed(e);
        } else {
          LOG.warn("failure while stopping {}", resource.getClass().getSimpleName(), e);
        }
      }
    }
  }
}
