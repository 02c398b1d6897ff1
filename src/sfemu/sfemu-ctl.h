/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The control API under /__sfemu/ that tests use to drive the emulator
 * (reset, seed, clock, sessions, device approval, limits, faults, call
 * counts), and the seed loader shared with --seed and --demo.
 */
#ifndef TD_SFEMU_CTL_H
#define TD_SFEMU_CTL_H

struct cJSON;
struct sfemu;
struct sfreq;
struct sfresp;

#define SFEMU_CTL_PREFIX	"/__sfemu/"

enum fault_kind {
	FAULT_NONE,
	FAULT_STATUS,		/* answer status + body, do nothing */
	FAULT_LATENCY,		/* only the latency */
	FAULT_DROP,		/* close without answering, do nothing */
	FAULT_TRUNCATE,		/* handle, send half of the body, close */
	FAULT_APPLIED_DROP	/* handle (the write commits), then close */
};

struct fault {
	enum fault_kind	 kind;
	int		 status;
	char		*body;		/* FAULT_STATUS; caller frees */
	long		 latency_ms;
};

struct sfctl	*ctl_new(void);
void		 ctl_free(struct sfctl *);
/* Counts one call of endpoint (lock held). */
void		 ctl_count(struct sfemu *, const char *endpoint);
/*
 * Takes the first armed fault matching method and path (lock held),
 * consuming one of its N uses.  Returns 1 with *f filled, or 0.
 */
int		 ctl_fault_take(struct sfemu *, const char *method,
		     const char *path, struct fault *f);
void		 ctl_handle(struct sfemu *, struct sfreq *, struct sfresp *);
/*
 * Seeds users, accounts, contacts, leads and tasks from the seed format
 * (data/demo-seed.json); fills *result (may be NULL) with the Ids made.
 * 0, or -1 with *cause set (caller frees).
 */
int		 ctl_seed(struct sfemu *, const struct cJSON *,
		     struct cJSON **result, char **cause);
/* Seeds from a file.  0 or -1 with *cause. */
int		 ctl_seed_file(struct sfemu *, const char *path, char **cause);
/* Makes one change a colleague would make (demo mode; lock held). */
void		 ctl_demo_step(struct sfemu *);

#endif
