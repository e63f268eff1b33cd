package dev.corkboard.platform.jobs;

/**
 * A unit of background work as a handler sees it.
 *
 * @param id the job id
 * @param kind the handler it is for
 * @param payload the handler's input, as JSON text
 * @param attempt 1 on the first run, 2 on the first retry, and so on
 */
public record Job(long id, String kind, String payload, int attempt) {}
