/**
 * Related pins and board ideas: Pixie's random walks with restarts (Eksombatchai et al., WWW 2018)
 * on the bipartite graph of pins and public boards, held in primitive arrays in each server's
 * memory, built from PostgreSQL in the background, kept current by polling for new pins and rebuilt
 * periodically beside the graph that serves.
 */
package dev.corkboard.related;
