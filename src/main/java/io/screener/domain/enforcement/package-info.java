/** Null-checked by NullAway: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package io.screener.domain.enforcement;

import org.jspecify.annotations.NullMarked;
