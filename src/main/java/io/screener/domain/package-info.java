/** Null-checked by NullAway: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package io.screener.domain;

import org.jspecify.annotations.NullMarked;
