/** Server configuration, read from the command line and {@code CORKBOARD_*} variables. */
package dev.corkboard.platform.config;
