/** PostgreSQL access: the embedded server, migrations and the blocking client facade. */
package dev.corkboard.platform.db;
