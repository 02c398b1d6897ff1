/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Runs a command several times and prints the median wall time and the
 * median peak RSS of the child (wait4's ru_maxrss):
 *
 *   bench-time [-n RUNS] [-w WARMUP] [-t] [-k KEYS] [-i FIRST] -- COMMAND ARG...
 *
 * -t runs the command on a fresh 80x24 pseudo-terminal (for the UI's
 * --first-frame-exit), draining what it draws.  -k (with -t) types KEYS
 * on that terminal as soon as the command drew anything (so "jq": the
 * first key after start-up, then quit).  -F TEXT (with -t) stops the
 * wall clock when TEXT first appears in what the command draws (the
 * first frame: with sync on, the exit waits for the engine's first cycle
 * to stop); the run still goes on to its exit, for the RSS and CPU.  With -i, every "{}" in
 * the arguments becomes FIRST, FIRST+1, ... one value per run (warm-up
 * runs included), so `done {}` completes a different reminder each time.
 * Output: "MEDIAN_MS RSS_KB MIN_MS MAX_MS CPU_MS" on one line, CPU_MS the
 * median user + system time of the child: on a machine shared with other
 * work it is steadier than the wall time.  Standard output
 * of the command goes to /dev/null; a failed run is fatal.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/* Copies argv with "{}" replaced by value. */
static char **
subst(char **argv, int argc, long value)
{
	char	**out, *p, num[32];
	size_t	 len;
	int	 i;

	out = calloc((size_t)argc + 1, sizeof *out);
	snprintf(num, sizeof num, "%ld", value);
	for (i = 0; i < argc; i++) {
		if ((p = strstr(argv[i], "{}")) == NULL) {
			out[i] = argv[i];
			continue;
		}
		len = strlen(argv[i]) + strlen(num);
		out[i] = malloc(len + 1);
		snprintf(out[i], len + 1, "%.*s%s%s", (int)(p - argv[i]),
		    argv[i], num, p + 2);
	}
	return (out);
}

/* One run: wall and CPU seconds, peak RSS (kB). */
static const char *keys, *mark;

static void
run(char **argv, int tty, double *secs, double *cpu, long *rss)
{
	struct winsize	ws = { .ws_row = 24, .ws_col = 80 };
	struct rusage	ru;
	char		buf[65536];
	double		t0;
	pid_t		pid;
	int		status, master = -1, fd, typed = 0;
	ssize_t		n;
	double		seen = 0;
	char		tail[256];
	size_t		tl = 0, ml = mark != NULL ? strlen(mark) : 0;

	t0 = now_s();
	if (tty)
		pid = forkpty(&master, NULL, NULL, &ws);
	else
		pid = fork();
	if (pid == -1) {
		perror("bench-time: fork");
		exit(2);
	}
	if (pid == 0) {
		if (!tty && (fd = open("/dev/null", O_WRONLY)) != -1) {
			dup2(fd, STDOUT_FILENO);
			close(fd);
		}
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (tty) {
		/* Drain the screen until the child closes the terminal. */
		while ((n = read(master, buf, sizeof buf)) > 0 ||
		    errno == EINTR) {
			errno = 0;
			if (n > 0 && mark != NULL && seen == 0 && ml < 128) {
				/* The last bytes and this chunk's head. */
				size_t	k = (size_t)n < 128 ? (size_t)n : 128;

				memcpy(tail + tl, buf, k);
				if (memmem(tail, tl + k, mark, ml) != NULL ||
				    memmem(buf, (size_t)n, mark, ml) != NULL)
					seen = now_s();
				else if ((size_t)n >= ml) {
					memcpy(tail, buf + n - (ml - 1), ml - 1);
					tl = ml - 1;
				}
			}
			if (n > 0 && keys != NULL && !typed) {
				typed = 1;
				if (write(master, keys, strlen(keys)) == -1)
					perror("bench-time: write");
			}
		}
	}
	while (wait4(pid, &status, 0, &ru) == -1 && errno == EINTR)
		;
	*secs = (seen > 0 ? seen : now_s()) - t0;
	if (master != -1)
		close(master);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench-time: %s failed (status %d)\n", argv[0],
		    status);
		exit(2);
	}
	*rss = ru.ru_maxrss;
	*cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int
main(int argc, char **argv)
{
	double	*t, *c, *r, mn, mx, cpu;
	long	 first = -1, rss;
	char	**a;
	int	 ch, runs = 5, warm = 1, tty = 0, i;

	while ((ch = getopt(argc, argv, "n:w:tk:F:i:")) != -1) {
		switch (ch) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'w':
			warm = atoi(optarg);
			break;
		case 't':
			tty = 1;
			break;
		case 'i':
			first = atol(optarg);
			break;
		case 'k':
			keys = optarg;
			break;
		case 'F':
			mark = optarg;
			break;
		default:
			fprintf(stderr, "usage: bench-time [-n runs] [-w warm]"
			    " [-t] [-k keys] [-F text] [-i first] -- command...\n");
			return (2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || runs < 1)
		return (2);
	t = calloc((size_t)runs, sizeof *t);
	r = calloc((size_t)runs, sizeof *r);
	c = calloc((size_t)runs, sizeof *c);
	for (i = 0; i < warm + runs; i++) {
		a = first >= 0 ? subst(argv, argc, first + i) : argv;
		if (i < warm)
			run(a, tty, &mn, &cpu, &rss);
		else {
			run(a, tty, &t[i - warm], &c[i - warm], &rss);
			r[i - warm] = (double)rss;
		}
	}
	mn = mx = t[0];
	for (i = 1; i < runs; i++) {
		mn = t[i] < mn ? t[i] : mn;
		mx = t[i] > mx ? t[i] : mx;
	}
	printf("%.3f %.0f %.3f %.3f %.3f\n", median(t, runs) * 1e3,
	    median(r, runs), mn * 1e3, mx * 1e3, median(c, runs) * 1e3);
	return (0);
}
