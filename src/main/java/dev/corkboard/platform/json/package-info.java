/** The JSON mapper and wire formats shared by every feature. */
package dev.corkboard.platform.json;
