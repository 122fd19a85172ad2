/* The JSON documents of the benchjson events, as a function of the event's
 * position n (from 1); shared by the generated and the hand-written plugin. */
#ifndef FALCOGEN_BENCH_JSON_DOCS_H
#define FALCOGEN_BENCH_JSON_DOCS_H

#include <stdint.h>
#include <stdio.h>

#include "bench_values.h"

/* Writes the document of event n into buf (size cap); returns its length. */
static inline int bench_json_doc(char* buf, size_t cap, uint64_t n) {
    const unsigned k = (unsigned)(n % BENCH_VALUES);
    return snprintf(
        buf, cap,
        "{\"seq\":%llu,\"user\":{\"name\":\"%s\",\"uid\":%u},\"proc\":{\"pid\":%u,\"cmd\":\"%s\"},\"path\":\"%s\"}",
        (unsigned long long)n, bench_users[k], 1000u + k, bench_pid(n), bench_commands[k], bench_paths[k]);
}

#endif
