/** Null-checked by NullAway: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package io.screener.generate;

import org.jspecify.annotations.NullMarked;
