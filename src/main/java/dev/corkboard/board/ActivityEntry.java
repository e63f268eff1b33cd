package dev.corkboard.board;

import java.time.Instant;

/**
 * One line of a board's audit trail.
 *
 * @param id its id, which orders the trail by time
 * @param actorUsername who did it (empty once that account is gone)
 * @param action what was done
 * @param objectId the pin, section, account or board it was done to, as the action's kind says
 * @param createdAt when
 */
public record ActivityEntry(
    long id, String actorUsername, BoardActivity.Action action, long objectId, Instant createdAt) {}
