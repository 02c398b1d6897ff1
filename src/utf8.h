/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * UTF-8: the one decoder, validation, limits counted in characters as
 * Salesforce counts them (Subject 255, Description 32,000), and
 * utf8_clean, the one function every text passes through on its way out
 * of the program (SPEC B5).
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
 * Decodes the code point at s[i] of the NUL-terminated s into *cp and
 * returns the index after it; a byte that does not start a well-formed
 * sequence decodes as U+FFFD and is skipped alone.
 */
size_t	utf8_decode(const char *s, size_t i, unsigned int *cp);
/* Writes cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t	utf8_encode(unsigned int cp, char *out);

/* utf8_clean's flags: which sink the text goes to. */
#define UTF8_LINE	0	/* one line: a list row, a message, the log */
#define UTF8_LINES	0x1	/* lines: details in `show` and the UI */
#define UTF8_JSON	0x2	/* a whole JSON text, already escaped */

/*
 * A copy of s safe to write to a terminal, a pipe or the log (SPEC B5);
 * caller frees.  Each invalid byte becomes U+FFFD.  For text (UTF8_LINE,
 * UTF8_LINES): C0 controls, DEL and C1 controls (so every escape
 * sequence: ESC, CSI U+009B, OSC) become U+FFFD; the bidi controls
 * U+202A-U+202E, U+2066-U+2069, U+200E, U+200F and U+061C are dropped (they
 * have no glyph of their own; without them the text reads in the order it
 * was typed and nothing can reorder what follows); a tab becomes a space.
 * A line break (LF, CR LF, lone CR, U+2028, U+2029) is "\n" with
 * UTF8_LINES and U+FFFD on one line.  With UTF8_JSON s is a JSON text
 * (cJSON's output): the same characters are written as \uXXXX escapes, so
 * the data stays exact and nothing but printable text reaches a terminal.
 */
char	*utf8_clean(const char *s, int flags);

/*
 * What utf8_clean shows for the code point cp on one line: cp itself,
 * U+FFFD, a space, or 0 when it drops cp (for widths measured on text not
 * yet cleaned, such as the line editor's).
 */
unsigned int utf8_clean_cp(unsigned int cp);

/*
 * A copy of s for matching (search, U9): lower case and without accents,
 * so "KR\xc3\x9cGER", "kruger" and "Kr\xc3\xbcger" fold alike; caller frees.
 * Folds Latin-1, Latin Extended-A (German, Swedish, Italian, Spanish and
 * the other Latin-script languages), Greek and Cyrillic capitals and
 * full-width ASCII; drops combining accents (U+0300-U+036F); "\xc3\x9f" is
 * "ss", "\xc3\xa6" "ae", "\xc5\x93" "oe".  Everything else (CJK) passes
 * through unchanged.  Invalid bytes fold to U+FFFD.
 */
char	*utf8_fold(const char *s);

/*
 * Where the first line of s ends when it is wrapped at cols columns,
 * measuring each code point with width(): the byte length of the line,
 * broken after the last space that fits (a word longer than the line is
 * cut where it must be); *next is where the next line starts (spaces at
 * the break skipped).  s is one line (no '\n').
 */
size_t	utf8_wrap(const char *s, int cols, int (*width)(unsigned int),
	    size_t *next);

#endif
