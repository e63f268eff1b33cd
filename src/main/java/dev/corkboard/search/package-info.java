/**
 * Search: the caller's own pins and boards (v5 {@code search_user_pins/list} and {@code
 * search_user_boards/get}) and everybody's public pins and boards (extensions), in PostgreSQL.
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>{@code pin_search(shard, pin_id, document)}: a pin's {@code tsvector}, on the pin's shard:
 *       title (weight A), description (B), its board's name and its alt text (C), with a GIN index.
 *   <li>{@code board_search(shard, board_id, document)}: a board's name (A) and description (B).
 *   <li>{@code search_words(word)}: every word of four letters or more that a document held, with a
 *       trigram GIN index: the dictionary that turns a misspelt query word into what it may mean.
 *   <li>{@code pin_terms(term, pin_id, fields)}: the postings of public pin search, one row per
 *       word of a pin's document, keyed by word and pin id with the fields the word is in (4 title,
 *       2 description, 1 board name or alt text), and indexed once more for titles alone. A trigger
 *       on {@code pin_search} writes them in the statement that writes the document.
 * </ul>
 *
 * Both document tables go with their pin or board ({@code ON DELETE CASCADE}). Documents use the
 * {@code simple} configuration alone, not {@code english}: it lowers the case but neither stems nor
 * drops stop words, so a French or German word matches as it is written, and prefix matching does
 * what stemming would for English plurals.
 *
 * <h2>Queries, ranking and typos</h2>
 *
 * A query is cut into words (letters and digits). Every word must match, as a prefix of a
 * document's word (search as you type) or, for a word of five letters or more, as a dictionary word
 * one insertion, deletion or replacement away: trigrams find the candidates, the distance is
 * checked in Java, and the query becomes a {@code to_tsquery} of alternatives. ({@code
 * websearch_to_tsquery} can express neither prefixes nor such alternatives.) The rank is a tier: 3
 * when the title holds every word, 2 when title and description do, 1 when the board's name or the
 * alt text is needed; within a tier newer pins come first. Tiers are integers, so the keyset
 * bookmark is {@code (tier, id)} and a page is one statement.
 *
 * <p>Public pin search finds the same page without ranking every match ({@code PostingWalk}): the
 * newest pins holding a word are a backward range of the postings' key, so the matches of a tier
 * are ranges walked side by side, newest first, stopping at the page's end. Each query word stands
 * for the words it starts and its typo variants; a prefix that starts more than {@code
 * SearchRepository.MAX_TERMS} words goes to the GIN statement.
 *
 * <h2>Who finds what</h2>
 *
 * Every search joins the pin's board as it is now and filters with {@code AccessSql.BOARD_SHOWN}
 * and the {@code AccessPolicy}'s answer: a pin moved to a secret board, or whose board turned
 * secret, drops out of public search with the commit that made it so, with no document rewritten.
 * Protected boards count as secret, as everywhere. What the statement found is read through the pin
 * and board services, which check visibility once more.
 *
 * <h2>Upkeep</h2>
 *
 * A document is written in its own transaction right after the pin's or board's write commits and
 * before that write answers (the composition root hands the pin and board services {@link
 * dev.corkboard.search.SearchIndex}'s methods). So the write never holds its locks while the GIN
 * index is updated, and a client finds its new or edited pin as soon as it has the answer, well
 * within a second; a job would wait behind the job table's poll and behind slow image fetches on
 * the same few workers. The price: a process that dies between the commit and the document's write
 * leaves that one document stale until the pin is written again (a rebuild from {@link
 * dev.corkboard.search.SearchSql#rebuild} mends all). Two writers of one document take a
 * transaction-scoped advisory lock on its id and read the pin under it, so the later write always
 * reads the later text. Renaming a board rewrites the documents of its pins in the same way.
 *
 * <h2>First pages held</h2>
 *
 * The first page of each public pin query is held in memory ({@link
 * dev.corkboard.search.SearchPages}): each write of documents announces, once they committed and
 * before it answers, the words of every document it replaced and wrote, and every server forgets
 * the pages of the queries those words match, through the read caches' leases ({@code
 * platform.cache.ReadCaches#announce}). A pin deleted or hidden without a new document is found
 * missing when the page is shown, and the page is read again.
 */
package dev.corkboard.search;
