/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * 18-character Salesforce Ids.  The suffix is computed as Salesforce does:
 * each 5-character chunk of the 15-character Id gives a 5-bit number whose
 * bit i is set when character i is an upper-case letter, and that number
 * indexes "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".
 */
#include <ctype.h>
#include <string.h>

#include "sfemu-id.h"

static const char sfid_b62[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static const char sfid_sfx[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/* Appends the three checksum characters to a 15-character Id. */
static void
sfid_suffix(const char *id15, char *out3)
{
	int	i, j, n;

	for (i = 0; i < 3; i++) {
		n = 0;
		for (j = 0; j < 5; j++) {
			if (id15[i * 5 + j] >= 'A' && id15[i * 5 + j] <= 'Z')
				n |= 1 << j;
		}
		out3[i] = sfid_sfx[n];
	}
}

void
sfid_make(char out[SFID_LEN + 1], const char *prefix, unsigned long long seq)
{
	unsigned long long	v;
	int			i;

	/*
	 * Scramble the sequence with a multiplier coprime to 62^9, a
	 * bijection, so Ids look varied yet never collide.
	 */
	v = (seq * 1000003ULL + 7919ULL) % 13537086546263552ULL;
	memcpy(out, prefix, 3);
	out[3] = 'a';
	out[4] = 'J';
	out[5] = '0';
	for (i = 14; i >= 6; i--) {
		out[i] = sfid_b62[v % 62];
		v /= 62;
	}
	sfid_suffix(out, out + 15);
	out[SFID_LEN] = '\0';
}

int
sfid_norm(const char *s, char out[SFID_LEN + 1])
{
	size_t	len, i;
	char	sfx[3];

	len = strlen(s);
	if (len != 15 && len != 18)
		return (-1);
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)s[i]))
			return (-1);
	}
	sfid_suffix(s, sfx);
	if (len == 18) {
		/* The suffix itself is case-insensitive. */
		for (i = 0; i < 3; i++) {
			if (toupper((unsigned char)s[15 + i]) != sfx[i])
				return (-1);
		}
	}
	memcpy(out, s, 15);
	memcpy(out + 15, sfx, 3);
	out[SFID_LEN] = '\0';
	return (0);
}
