/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Salesforce record Ids: a 3-character key prefix, 12 more case-sensitive
 * characters, and the 3-character suffix that makes the 18-character form
 * safe for case-insensitive systems.
 */
#ifndef TD_SFEMU_ID_H
#define TD_SFEMU_ID_H

#define SFID_LEN	18

/* Makes the 18-character Id for sequence number seq under prefix. */
void	sfid_make(char out[SFID_LEN + 1], const char *prefix,
	    unsigned long long seq);
/*
 * Normalises a 15- or 18-character Id to its 18-character form in out.
 * Returns 0, or -1 if s is not an Id (wrong length, characters or suffix).
 */
int	sfid_norm(const char *s, char out[SFID_LEN + 1]);

#endif
