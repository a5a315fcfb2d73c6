/**
 * Files and folders on the local disk that the screener and its tools create and remove: working
 * folders, staging output, state folders a build no longer uses.
 *
 * <p>Null-checked by NullAway: nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.screener.files;

import org.jspecify.annotations.NullMarked;
