/*
 * The differential test's LTTng-UST app: emits a fixed table of events, the same table
 * Sources/spoor-differential-app/main.swift emits with Spoor.
 *
 *   diff-app [--ready PATH] [--wait-for PATH]
 *
 * It names its thread "diffapp" (what $ctx.procname filters see), creates PATH of --ready
 * once it has registered, waits until PATH of --wait-for exists, emits, and exits.
 *
 * Emission goes in rounds: round k emits row k of each event's table that has one, in the
 * order of the events below. Every event's first field, n, counts the events emitted so
 * far, so that a reader can put events back in emission order.
 *
 * An empty string comes only in the first row of an event's table: babeltrace2 2.0 reuses the
 * event objects of an event class, and prints a reused string field's old value when the new
 * one is empty (fixed in later babeltrace2 releases). The first event of a class read from a
 * channel always gets a fresh object.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LTTNG_UST_TRACEPOINT_DEFINE
#include "tp_diff_a.h"
#include "tp_diff_ab.h"
#include "tp_diff_b.h"
#include "tp_diff_bx.h"
#include "tp_diff_c.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { RED, GREEN, BLUE };

static const struct alpha_row alpha_rows[] = {
	{0, 0, 0, 0, 0, 0, 0, 0, 0x0, 0.0f, 0.0, "", "", RED, {0, 0, 0}, {0}, 0, 0},
	{1, 1, 1, 1, 1, 1, 1, 1, 0x1, 1.0f, 1.0, "a", "a", GREEN, {1, 2, 3}, {1}, 1, 1},
	{-1, -1, -1, -1, 255, 65535, 4294967295u, UINT64_MAX, UINT64_MAX, -1.0f, -1.0, "abc", "ab", BLUE,
	 {-1, 0, 1}, {-1, -2}, 2, -1},
	{INT8_MIN, INT16_MIN, INT32_MIN, INT64_MIN, 128, 32768, 2147483648u, 9223372036854775808u,
	 0x8000000000000000u, 0.5f, 0.25, "a*b", "a*b", RED, {INT32_MAX, INT32_MIN, 7},
	 {INT16_MAX, INT16_MIN, 0}, 3, 2},
	{INT8_MAX, INT16_MAX, INT32_MAX, INT64_MAX, 127, 32767, 2147483647u, 9223372036854775807u,
	 0x7fffffffffffffffu, 2.5f, 2.5, "a\\b", "*", GREEN, {10, 20, 30}, {5, 6, 7, 8}, 4, 3},
	{42, 1000, 100000, 10000000000, 42, 1000, 100000, 10000000000u, 0xdeadbeef, 0.1f, 0.1,
	 "h\xc3\xa9llo w\xc3\xb6rld", "h\xc3\xa9llo", BLUE, {1, 1, 1}, {42}, 1, 42},
	{-42, -1000, -100000, -10000000000, 200, 50000, 3000000000u, 12345678901234567890u,
	 0xcafebabe00000000u, -2.75f, -0.001, "this string is longer than sixteen bytes",
	 "this string is longer than sixteen bytes", RED, {-5, 5, -5}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 10,
	 -42},
	{5, 5, 5, 5, 5, 5, 5, 5, 0x5, 5.0f, 5.0, "5", "5", GREEN, {5, 5, 5}, {5}, 1, 5},
	{8, 8, 8, 8, 8, 8, 8, 8, 0x10, 3.0e10f, 1e300, "ab", "abc", BLUE, {0, 1, 2}, {3}, 1, 8},
	{64, 64, 64, 64, 64, 64, 64, 1099511627776u, 0x40, NAN, NAN, "ABC", "abc", RED, {63, 64, -1},
	 {63, 64}, 2, 63},
	{-7, -7, -7, -7, 7, 7, 7, 7, 0x7, -0.0f, INFINITY, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
	 "\xe6\x97\xa5\xe6\x9c\xac*", GREEN, {7, 7, 7}, {0}, 0, -7},
	{3, 3, 3, 3, 3, 3, 3, 3, 0x3, 1.5f, -1.5, "back\\slash*star", "x", BLUE, {3, 2, 1}, {0}, 0, 3},
	{16, 16, 16, 16, 16, 16, 16, 16, 0x10, 16.0f, 16.0, "short", "short", RED, {16, 16, 16},
	 {16, 16}, 2, 16},
};

static const struct { const char *s; int64_t x; } alphabet_rows[] = {
	{"", 0}, {"alphabet", -1}, {"a*", INT64_MIN}, {"ab", INT64_MAX},
};

static const struct { double x; const char *s; int64_t i64; } beta_rows[] = {
	{-2.5, "", -1}, {1.0, "b", 1}, {0.0, "beta", 0}, {1e-10, "*", 42}, {100.0, "h\xc3\xa9llo", 100},
};

static const struct { uint64_t x; const char *s; } ab_alpha_rows[] = {
	{42, ""}, {UINT64_MAX, "x"}, {9223372036854775808u, "diff_ab"}, {0, "ab"},
};

static const struct { int64_t arr[2]; uint32_t sq[3]; unsigned int sq_len; float x; } b_alpha_rows[] = {
	{{0, 0}, {0}, 0, 0.0f}, {{-1, INT64_MAX}, {1, 2, 3}, 3, 1.5f}, {{42, 43}, {4294967295u}, 1, -3.25f},
};

static const struct { const char *x; const char *s; int32_t e; } delta_rows[] = {
	{"", "", BLUE}, {"abc", "abd", GREEN}, {"1", "1", RED},
};

static const struct { const char *x; int32_t i32; } gamma_rows[] = {
	{"gamma", 1}, {"*", 2}, {"a\\b", 3},
};

static const char *const gamma2_rows[] = {"", "gamma2"};

static const struct { uint8_t u8; int8_t x; } zeta_rows[] = {{0, 0}, {255, -128}, {1, 1}};

static const double eta_rows[] = {1.0, -1.0};
static const uint32_t omega2_rows[] = {0xff, 0};
static const int16_t kappa_rows[] = {-1, 300};
static const uint16_t lambda_rows[] = {65535, 1};
static const uint32_t mu_rows[] = {4294967295u, 1};
static const int32_t nu_rows[] = {1, 2};
enum { OMEGA_ROWS = 2 };

static void emit_all(void)
{
	uint32_t n = 0;

	for (unsigned int k = 0; k < COUNT(alpha_rows); k++) {
		lttng_ust_tracepoint(diff_a, alpha, n++, &alpha_rows[k]);
		if (k < COUNT(alphabet_rows))
			lttng_ust_tracepoint(diff_a, alphabet, n++, alphabet_rows[k].s, alphabet_rows[k].x);
		if (k < COUNT(beta_rows))
			lttng_ust_tracepoint(diff_a, beta, n++, beta_rows[k].x, beta_rows[k].s, beta_rows[k].i64);
		if (k < COUNT(ab_alpha_rows))
			lttng_ust_tracepoint(diff_ab, alpha, n++, ab_alpha_rows[k].x, ab_alpha_rows[k].s);
		if (k < COUNT(b_alpha_rows))
			lttng_ust_tracepoint(diff_b, alpha, n++, b_alpha_rows[k].arr, b_alpha_rows[k].sq,
				b_alpha_rows[k].sq_len, b_alpha_rows[k].x);
		if (k < COUNT(delta_rows))
			lttng_ust_tracepoint(diff_b, delta, n++, delta_rows[k].x, delta_rows[k].s, delta_rows[k].e);
		if (k < COUNT(gamma_rows))
			lttng_ust_tracepoint(diff_bx, gamma, n++, gamma_rows[k].x, gamma_rows[k].i32);
		if (k < COUNT(gamma2_rows))
			lttng_ust_tracepoint(diff_bx, gamma2, n++, gamma2_rows[k]);
		if (k < COUNT(zeta_rows))
			lttng_ust_tracepoint(diff_c, zeta, n++, zeta_rows[k].u8, zeta_rows[k].x);
		if (k < COUNT(eta_rows))
			lttng_ust_tracepoint(diff_c, eta, n++, eta_rows[k]);
		if (k < OMEGA_ROWS)
			lttng_ust_tracepoint(diff_c, omega, n++);
		if (k < COUNT(omega2_rows))
			lttng_ust_tracepoint(diff_c, omega2, n++, omega2_rows[k]);
		if (k < COUNT(kappa_rows))
			lttng_ust_tracepoint(diff_c, kappa, n++, kappa_rows[k]);
		if (k < COUNT(lambda_rows))
			lttng_ust_tracepoint(diff_c, lambda, n++, lambda_rows[k]);
		if (k < COUNT(mu_rows))
			lttng_ust_tracepoint(diff_c, mu, n++, mu_rows[k]);
		if (k < COUNT(nu_rows))
			lttng_ust_tracepoint(diff_c, nu, n++, nu_rows[k]);
	}
}

int main(int argc, char **argv)
{
	const char *ready = NULL, *wait_for = NULL;

	pthread_setname_np(pthread_self(), "diffapp");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--ready") == 0 && i + 1 < argc) {
			ready = argv[++i];
		} else if (strcmp(argv[i], "--wait-for") == 0 && i + 1 < argc) {
			wait_for = argv[++i];
		} else {
			fprintf(stderr, "usage: diff-app [--ready PATH] [--wait-for PATH]\n");
			return 2;
		}
	}
	if (ready) {
		int fd = open(ready, O_WRONLY | O_CREAT, 0644);
		if (fd >= 0)
			close(fd);
	}
	if (wait_for) {
		while (access(wait_for, F_OK) != 0)
			usleep(1000);
	}
	emit_all();
	return 0;
}
