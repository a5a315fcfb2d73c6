/** Null-checked by NullAway: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package io.screener.tools;

import org.jspecify.annotations.NullMarked;
