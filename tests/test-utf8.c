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
	return (tap_done());
}
