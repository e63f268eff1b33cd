/**
 * The project's own benchmark: {@code corkboard seed} bulk-loads realistic data, {@code corkboard
 * bench} measures ceilings (pgbench, an HTTP route without database) and drives open-loop load from
 * a separate process ({@code corkboard bench-load}), then reports each scenario as a ratio to its
 * ceiling.
 */
package dev.corkboard.bench;
