/** A durable background job queue in PostgreSQL. */
package dev.corkboard.platform.jobs;
