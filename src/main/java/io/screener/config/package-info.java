/** Null-checked by NullAway: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package io.screener.config;

import org.jspecify.annotations.NullMarked;
