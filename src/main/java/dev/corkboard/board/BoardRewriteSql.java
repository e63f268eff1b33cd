package dev.corkboard.board;

/**
 * The statements of the features above boards that a merge of two boards, or the hand-over of one
 * to a new owner, runs in its transaction, handed over by the composition root so that boards stay
 * below pins and follows.
 *
 * @param movePins moves every pin of board {@code $2} on shard {@code $1} onto board {@code $3},
 *     those of the sections of {@code $4} into the sections at the same places in {@code $5}; its
 *     row count is the number moved
 * @param explicitFollowers answers the {@code follower_id} of each account that follows board
 *     {@code $2} on shard {@code $1} explicitly
 * @param carryFollows gives the explicit followers of board {@code $2} (shard {@code $1}) explicit
 *     follows of board {@code $3} of owner {@code $4}, answering the changes of its counters as
 *     {@code direct} and {@code unfollows}
 * @param handOverPins gives every pin of board {@code $2} on shard {@code $1} to its new owner
 *     {@code $3}, keeping the authorship of those its old owner {@code $4} put there
 * @param handOverFollows makes the choices about board {@code $2} (shard {@code $1}) choices about
 *     a board of {@code $3}, answering its counters as {@code direct} and {@code unfollows}
 */
public record BoardRewriteSql(
    String movePins,
    String explicitFollowers,
    String carryFollows,
    String handOverPins,
    String handOverFollows) {}
