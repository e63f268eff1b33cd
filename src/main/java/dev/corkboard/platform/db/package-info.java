/**
 * PostgreSQL access: the embedded server, migrations, the blocking client facade, and the storage
 * (database and blob store) a process opens as configured.
 */
package dev.corkboard.platform.db;
