/* The values of the benchmark's `record` events, as a function of the
 * event's position n (from 1). Shared by the generated benchrecord plugin
 * and the hand-written raw_record.c, so both emit identical bytes. */
#ifndef FALCOGEN_BENCH_VALUES_H
#define FALCOGEN_BENCH_VALUES_H

#include <stdint.h>

#define BENCH_VALUES 4u

static const char* const bench_users[BENCH_VALUES] = {"root", "alice", "www-data", "postgres"};
static const uint32_t bench_users_len[BENCH_VALUES] = {4, 5, 8, 8};
static const char* const bench_paths[BENCH_VALUES] = {"/etc/shadow", "/home/alice/.ssh/authorized_keys",
                                                      "/var/www/html/index.php", "/var/lib/postgresql/15/main"};
static const uint32_t bench_paths_len[BENCH_VALUES] = {11, 32, 23, 27};
static const char* const bench_commands[BENCH_VALUES] = {"cat /etc/shadow", "ssh-keygen -t ed25519",
                                                         "php-fpm: pool www", "postgres: checkpointer"};
static const uint32_t bench_commands_len[BENCH_VALUES] = {15, 21, 17, 22};

static inline uint32_t bench_pid(uint64_t n) {
    return (uint32_t)(1000 + n % 60000);
}
static inline uint16_t bench_port(uint64_t n) {
    return (uint16_t)(n * 7);
}
static inline int64_t bench_delta(uint64_t n) {
    return (int64_t)(n % 1000) - 500;
}
static inline uint64_t bench_bytes(uint64_t n) {
    return n * 4096;
}

#endif
