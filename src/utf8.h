/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * UTF-8 helpers for validation and limits counted in characters, as
 * Salesforce counts them (Subject 255, Description 32,000).
 */
#ifndef TD_UTF8_H
#define TD_UTF8_H

#include <stddef.h>

/* 1 if s (len bytes) is well-formed UTF-8 (no overlongs, no surrogates). */
int	utf8_valid(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string. */
size_t	utf8_count(const char *s);
/* Byte length of the first n code points of valid UTF-8 s. */
size_t	utf8_prefix(const char *s, size_t n);

/*
 * A copy of s safe to show on a terminal (SPEC B5): invalid UTF-8 and
 * control characters (C0, DEL, C1, so every escape sequence) become
 * U+FFFD; a tab becomes a space; newlines are kept only if keep_nl.
 * Caller frees.
 */
char	*utf8_clean(const char *s, int keep_nl);

/*
 * A copy of s that is valid UTF-8: each byte of an invalid sequence
 * becomes U+FFFD, everything else is kept (for JSON output, where control
 * characters are escaped).  Caller frees.
 */
char	*utf8_repair(const char *s);

#endif
