/**
 * Rate limits that hold across every server on one database without a database write per request:
 * each server leases slices of a window's allowance from PostgreSQL and serves requests from its
 * slice in memory.
 */
package dev.corkboard.platform.ratelimit;
