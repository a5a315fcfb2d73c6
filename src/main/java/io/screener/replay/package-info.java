/** Null-checked by NullAway: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package io.screener.replay;

import org.jspecify.annotations.NullMarked;
