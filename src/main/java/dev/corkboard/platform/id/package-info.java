/** Public ids that carry their creation time and shard, issued without database sequences. */
package dev.corkboard.platform.id;
