/** HTTP plumbing: the route table, authentication, paging, and the one error mapping. */
package dev.corkboard.platform.http;
