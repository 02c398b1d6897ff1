/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Tests of utf8.c: the one decoder and utf8_clean, the one cleaner for
 * text leaving the program (B5), in each of its three sinks.
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "utf8.h"

#define R	"\xef\xbf\xbd"	/* U+FFFD */

/* is_str on a cleaned copy of s. */
static void
clean_is(const char *s, int flags, const char *want, const char *what)
{
	char	*c = utf8_clean(s, flags);

	is_str(c, want, "%s", what);
	free(c);
}

/* One column a code point, two for CJK: a width for utf8_wrap. */
static int
width1(unsigned int cp)
{
	return (cp >= 0x1100 ? 2 : 1);
}

/* is_str on utf8_fold(s). */
static void
fold_is(const char *s, const char *want, const char *what)
{
	char	*f = utf8_fold(s);

	is_str(f, want, "%s", what);
	free(f);
}

/* The lines utf8_wrap makes of s at cols, joined with '|'. */
static char *
wrap_all(const char *s, int cols)
{
	static char	out[512];
	size_t		len, next, o = 0;

	while (*s != '\0' && o + 2 < sizeof out) {
		len = utf8_wrap(s, cols, width1, &next);
		if (o > 0)
			out[o++] = '|';
		memcpy(out + o, s, len);
		o += len;
		s += next;
	}
	out[o] = '\0';
	return (out);
}

int
main(void)
{
	char		*s;
	unsigned int	 cp;
	char		 b[4];

	s = utf8_clean("evil \x1b[2J\x1b]0;title\x07 \xc2\x9b" "31m end",
	    UTF8_LINE);
	ok(strchr(s, '\x1b') == NULL && strchr(s, '\x07') == NULL &&
	    strstr(s, "\xc2\x9b") == NULL && strstr(s, " end") != NULL,
	    "B5 escape sequences, BEL and C1 CSI are neutralised");
	free(s);
	clean_is("a\tb\nc\xff", UTF8_LINE, "a b" R "c" R,
	    "B5 tab to space, newline and invalid byte to U+FFFD");
	clean_is("l1\nl2 \xe4\xb8\xad", UTF8_LINES, "l1\nl2 \xe4\xb8\xad",
	    "B5 details keep newlines and CJK");
	clean_is("x\x9b[2J\x7f\xc2\x80\xc2\x9f\xc2\xa0y", UTF8_LINE,
	    "x" R "[2J" R R R "\xc2\xa0y",
	    "B5 raw 0x9B, DEL, U+0080 and U+009F to U+FFFD; U+00A0 kept");

	/* Every bidi control of the finding is dropped, in both text sinks. */
	clean_is("a\xd8\x9c" "b\xe2\x80\x8e" "c\xe2\x80\x8f" "d"
	    "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae" "e"
	    "\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9" "f", UTF8_LINE,
	    "abcdef", "B5 U+061C, U+200E/F, U+202A-E, U+2066-9 are dropped");
	clean_is("call \xe2\x80\xae" "enilno", UTF8_LINES, "call enilno",
	    "B5 an RLO without its PDF cannot reorder what follows");
	clean_is("\xe2\x80\x8d\xe2\x80\x8c\xe2\x80\x8b\xe2\x80\xaf"
	    "\xe2\x81\xa5\xe2\x81\xaa", UTF8_LINE,
	    "\xe2\x80\x8d\xe2\x80\x8c\xe2\x80\x8b\xe2\x80\xaf"
	    "\xe2\x81\xa5\xe2\x81\xaa",
	    "B5 ZWJ, ZWNJ and the neighbours of the bidi ranges are kept");

	/* Line breaks, per sink. */
	clean_is("a\r\nb\rc\xe2\x80\xa8" "d\xe2\x80\xa9" "e", UTF8_LINES,
	    "a\nb\nc\nd\ne", "B5 details: CR LF, CR, U+2028, U+2029 are one break");
	clean_is("a\r\nb\nc", UTF8_LINE, "a" R "b" R "c",
	    "B5 one line: each line break, CR LF too, is one U+FFFD");

	/* JSON: exact data, escaped; JSON's own white space stays. */
	clean_is("{\n\t\"n\":\t\"a\xe2\x80\xae" "b\x7f\xc2\x9b\xff\"}\r\n",
	    UTF8_JSON, "{\n\t\"n\":\t\"a\\u202eb\\u007f\\u009b" R "\"}\r\n",
	    "B5 JSON: bidi, DEL and C1 escaped, invalid bytes to U+FFFD");
	clean_is("\"\x1b\xe2\x80\xa8\"", UTF8_JSON, "\"\\u001b\\u2028\"",
	    "B5 JSON: a raw ESC and U+2028 escaped");
	clean_is("ok \xff\xfe \xc3( \xe4\xb8\xad", UTF8_JSON,
	    "ok " R R " " R "( \xe4\xb8\xad",
	    "B5 JSON: each invalid byte to U+FFFD, the rest kept");

	/* Idempotent: cleaning cleaned text changes nothing. */
	s = utf8_clean("a\x1b\xe2\x80\xae\xff\tb\n", UTF8_LINES);
	clean_is(s, UTF8_LINES, s, "B5 cleaning is idempotent");
	free(s);

	/* utf8_clean_cp agrees with utf8_clean, for widths. */
	ok(utf8_clean_cp(0x202e) == 0 && utf8_clean_cp(0x1b) == 0xfffd &&
	    utf8_clean_cp('\t') == ' ' && utf8_clean_cp('\n') == 0xfffd &&
	    utf8_clean_cp(0x4e2d) == 0x4e2d,
	    "B5 utf8_clean_cp: dropped, replaced, space, kept");

	/* The one decoder. */
	ok(utf8_decode("\xe4\xb8\xad", 0, &cp) == 3 && cp == 0x4e2d,
	    "utf8_decode: a CJK character");
	ok(utf8_decode("\xe4\xb8", 0, &cp) == 1 && cp == 0xfffd,
	    "utf8_decode: a sequence cut by the NUL is one U+FFFD a byte");
	ok(utf8_decode("\xc0\xaf", 0, &cp) == 1 && cp == 0xfffd,
	    "utf8_decode: an overlong is refused");
	ok(utf8_decode("\xed\xa0\x80", 0, &cp) == 1 && cp == 0xfffd,
	    "utf8_decode: a surrogate is refused");
	ok(utf8_encode(0x1f4de, b) == 4 && memcmp(b, "\xf0\x9f\x93\x9e", 4) == 0,
	    "utf8_encode: four bytes");
	ok(utf8_valid("\xe4\xb8\xad", 3) && !utf8_valid("\xe4\xb8\xad", 2) &&
	    !utf8_valid("a\xff", 2), "utf8_valid honours the length");

	/* Folding for search (U9): case and accents, five languages. */
	fold_is("KR\xc3\x9cGER", "kruger", "U9 fold: German capital umlaut");
	fold_is("\xc3\x85str\xc3\xb6m", "astrom", "U9 fold: Swedish \xc3\xa5 and \xc3\xb6");
	fold_is("Ferr\xc3\xa8", "ferre", "U9 fold: Italian grave accent");
	fold_is("Ib\xc3\xa9rica Se\xc3\xb1or", "iberica senor",
	    "U9 fold: Spanish acute and tilde");
	fold_is("Wei\xc3\x9f \xc5\x81\xc3\xb3" "d\xc5\xba" " \xc3\x86" "ble",
	    "weiss lodz aeble", "U9 fold: \xc3\x9f, Latin Extended-A, \xc3\xa6");
	fold_is("e\xcc\x81t\xc3\xa9", "ete", "U9 fold: a combining accent is dropped");
	fold_is("\xe9\xbe\x99\xe8\x85\xbe \xd0\x9c\xce\xa3 \xef\xbc\xa1", "\xe9\xbe\x99\xe8\x85\xbe \xd0\xbc\xcf\x83 a",
	    "U9 fold: CJK passes, Cyrillic/Greek capitals, full-width A");

	/* Wrapping at word boundaries (details page, U7). */
	is_str(wrap_all("die Konditionen vorschlagen. Danach", 16),
	    "die Konditionen|vorschlagen.|Danach", "U7 wrap breaks at spaces");
	is_str(wrap_all("abcdefghij klm", 4), "abcd|efgh|ij|klm",
	    "U7 wrap cuts a word longer than the line");
	is_str(wrap_all("\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad", 4),
	    "\xe4\xb8\xad\xe4\xb8\xad|\xe4\xb8\xad", "U7 wrap measures wide characters");
	is_str(wrap_all("ab   cd", 3), "ab|cd", "U7 wrap drops spaces at a break");
	return (tap_done());
}
