/*
 * lttng-notify-subscriber: the LTTng subscriber of the notification-latency benchmark
 * (bench/notify.sh). It measures the time from the tracepoint call of a notify_bench:ping
 * event in lttng-notify-app to the moment this process holds the notification, through
 * liblttng-ctl's notification API (lttng/notification/channel.h):
 *
 *   app --(event notifier pipe)--> lttng-sessiond --(notification channel)--> here
 *
 *   lttng-notify-subscriber COUNT SYNC_DIR IDLE_S [TRIGGER_NAME]
 *
 * It registers a trigger (default name "notify-bench") whose condition is event-rule-matches
 * on the user-space tracepoint notify_bench:ping, capturing the payload fields sent_ns and
 * seq, and whose action is notify (`lttng add-trigger --name=notify-bench
 * --condition=event-rule-matches --type=user --name=notify_bench:ping --capture=sent_ns
 * --capture=seq --action=notify`); opens a notification channel; subscribes to the condition;
 * then creates SYNC_DIR/ready. On its first priming notification (seq 0) it creates
 * SYNC_DIR/primed. For every measured notification (seq >= 1) it reads CLOCK_MONOTONIC first,
 * then the captured values; latency = that time - sent_ns (the app's CLOCK_MONOTONIC right
 * before its tracepoint call: one clock, one machine).
 *
 * It stops after COUNT measured notifications, or when none has come for IDLE_S seconds
 * (LTTng may drop notifications), then prints one line per measured notification and a
 * summary, and unregisters the trigger:
 *
 *   seq=S sent_ns=T received_ns=R latency_ns=L
 *   received=N dropped_reports=D
 *
 * dropped_reports counts LTTNG_NOTIFICATION_CHANNEL_STATUS_NOTIFICATIONS_DROPPED replies.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lttng/lttng.h>

struct record {
    uint32_t seq;
    uint64_t sent_ns, received_ns;
};

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * SIGALRM (the idle timeout) and SIGINT/SIGTERM interrupt the blocking receive. The handler
 * re-arms a one-second alarm, so that a signal landing between the loop's check and the
 * receive still ends the wait.
 */
static volatile sig_atomic_t stop_requested;
static void request_stop(int signal_number) {
    (void)signal_number;
    stop_requested = 1;
    alarm(1);
}

static void create_file(const char *directory, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", directory, name);
    int fd = open(path, O_CREAT | O_WRONLY, 0644);
    if (fd < 0) {
        perror(path);
        exit(1);
    }
    close(fd);
}

static int fail(const char *what) {
    fprintf(stderr, "lttng-notify-subscriber: %s\n", what);
    return 1;
}

/* The captured unsigned integer at `index` of the evaluation's capture array. */
static int captured_unsigned(const struct lttng_event_field_value *captures, unsigned index, uint64_t *value) {
    const struct lttng_event_field_value *field;
    if (lttng_event_field_value_array_get_element_at_index(captures, index, &field) !=
        LTTNG_EVENT_FIELD_VALUE_STATUS_OK)
        return -1;
    return lttng_event_field_value_unsigned_int_get_value(field, value) == LTTNG_EVENT_FIELD_VALUE_STATUS_OK ? 0 : -1;
}

int main(int argc, char **argv) {
    if (argc < 4 || argc > 5 || atol(argv[1]) <= 0 || atol(argv[3]) <= 0) {
        fprintf(stderr, "usage: lttng-notify-subscriber COUNT SYNC_DIR IDLE_S [TRIGGER_NAME]\n");
        return 2;
    }
    long count = atol(argv[1]);
    const char *sync_dir = argv[2];
    unsigned idle_s = (unsigned)atol(argv[3]);
    const char *trigger_name = argc == 5 ? argv[4] : "notify-bench";

    /* No SA_RESTART: a signal makes the receive return LTTNG_NOTIFICATION_CHANNEL_STATUS_INTERRUPTED. */
    struct sigaction action = {.sa_handler = request_stop};
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);

    /* The condition: event-rule-matches, user tracepoint notify_bench:ping, capturing sent_ns then seq. */
    struct lttng_event_rule *rule = lttng_event_rule_user_tracepoint_create();
    if (!rule ||
        lttng_event_rule_user_tracepoint_set_name_pattern(rule, "notify_bench:ping") != LTTNG_EVENT_RULE_STATUS_OK)
        return fail("cannot create the event rule");
    struct lttng_condition *condition = lttng_condition_event_rule_matches_create(rule);
    if (!condition) return fail("cannot create the event-rule-matches condition");
    static const char *const captured_fields[] = {"sent_ns", "seq"};
    for (unsigned i = 0; i < 2; i++) {
        struct lttng_event_expr *expr = lttng_event_expr_event_payload_field_create(captured_fields[i]);
        if (!expr ||
            lttng_condition_event_rule_matches_append_capture_descriptor(condition, expr) != LTTNG_CONDITION_STATUS_OK)
            return fail("cannot add a capture descriptor");
    }

    /* The trigger: that condition, and a notify action (the default rate policy: every time). */
    struct lttng_action *notify = lttng_action_notify_create();
    struct lttng_trigger *trigger = notify ? lttng_trigger_create(condition, notify) : NULL;
    if (!trigger) return fail("cannot create the trigger");
    enum lttng_error_code code = lttng_register_trigger_with_name(trigger, trigger_name);
    if (code != LTTNG_OK) {
        fprintf(stderr, "lttng-notify-subscriber: cannot register the trigger: %s\n", lttng_strerror(-code));
        return 1;
    }

    /* Subscribing with an equal condition selects this trigger's notifications. */
    struct lttng_notification_channel *channel =
        lttng_notification_channel_create(lttng_session_daemon_notification_endpoint);
    if (!channel) return fail("cannot open a notification channel");
    if (lttng_notification_channel_subscribe(channel, condition) != LTTNG_NOTIFICATION_CHANNEL_STATUS_OK)
        return fail("cannot subscribe to the condition");
    create_file(sync_dir, "ready");

    struct record *records = calloc((size_t)count, sizeof *records);
    if (!records) return fail("out of memory");
    long received = 0, dropped_reports = 0;
    int primed = 0;
    alarm(idle_s + 30);  /* The app may take up to 30 s to prime. */
    while (received < count && !stop_requested) {
        struct lttng_notification *notification = NULL;
        enum lttng_notification_channel_status status =
            lttng_notification_channel_get_next_notification(channel, &notification);
        /* The measurement: the first thing done once the notification is in hand. */
        uint64_t received_ns = now_ns();
        if (status == LTTNG_NOTIFICATION_CHANNEL_STATUS_NOTIFICATIONS_DROPPED) {
            dropped_reports++;
            continue;
        }
        if (status == LTTNG_NOTIFICATION_CHANNEL_STATUS_INTERRUPTED) continue;
        if (status != LTTNG_NOTIFICATION_CHANNEL_STATUS_OK) {
            fprintf(stderr, "lttng-notify-subscriber: receive failed (status %d)\n", (int)status);
            break;
        }
        const struct lttng_evaluation *evaluation = lttng_notification_get_evaluation(notification);
        const struct lttng_event_field_value *captures = NULL;
        uint64_t sent_ns, seq;
        if (lttng_evaluation_event_rule_matches_get_captured_values(evaluation, &captures) !=
                LTTNG_EVALUATION_EVENT_RULE_MATCHES_STATUS_OK ||
            captured_unsigned(captures, 0, &sent_ns) != 0 || captured_unsigned(captures, 1, &seq) != 0) {
            lttng_notification_destroy(notification);
            return fail("a notification lacks the captured sent_ns and seq");
        }
        lttng_notification_destroy(notification);
        if (seq == 0) {
            if (!primed) create_file(sync_dir, "primed");
            primed = 1;
            continue;
        }
        records[received++] = (struct record){.seq = (uint32_t)seq, .sent_ns = sent_ns, .received_ns = received_ns};
        alarm(idle_s);
    }
    alarm(0);
    signal(SIGALRM, SIG_IGN);

    for (long i = 0; i < received; i++)
        printf("seq=%u sent_ns=%llu received_ns=%llu latency_ns=%lld\n", records[i].seq,
               (unsigned long long)records[i].sent_ns, (unsigned long long)records[i].received_ns,
               (long long)(records[i].received_ns - records[i].sent_ns));
    printf("received=%ld dropped_reports=%ld\n", received, dropped_reports);

    lttng_notification_channel_destroy(channel);
    if (lttng_unregister_trigger(trigger) != 0)
        fprintf(stderr, "lttng-notify-subscriber: cannot unregister the trigger\n");
    lttng_trigger_destroy(trigger);
    return 0;
}
