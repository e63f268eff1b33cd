package dev.corkboard.platform.jobs;

/**
 * Does the work of one kind of job. Returning completes the job; throwing {@link
 * PermanentJobFailure} gives it up at once; any other exception retries it later with backoff,
 * until the queue's attempt limit, when {@link #gaveUp} is told why.
 */
public interface JobHandler {

  /**
   * Runs the job; must be idempotent, as a crash after the work and before completion repeats it.
   */
  void run(Job job) throws Exception;

  /** Called once when the queue gives the job up, with the last failure's message. */
  default void gaveUp(Job job, String reason) {}
}
