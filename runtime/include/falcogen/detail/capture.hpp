// The capture listening capability (plugin API 3.7): plugin_capture_open and
// plugin_capture_close call the author's capture_open/capture_close with the
// thread pool (falcogen/thread_pool.hpp) and the call's table vtables.
#pragma once

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/roots.hpp"
#include "falcogen/thread_pool.hpp"

namespace falcogen::detail {

struct CaptureSpec {
    void (*open)(PluginRoot& plugin, ThreadPool& pool);  // the author's capture_open
    void (*close)(PluginRoot& plugin, ThreadPool& pool);  // the author's capture_close
};

template <typename Plugin>
void capture_open(PluginRoot& plugin, ThreadPool& pool) {
    static_cast<Plugin&>(plugin).capture_open(pool);
}

template <typename Plugin>
void capture_close(PluginRoot& plugin, ThreadPool& pool) {
    static_cast<Plugin&>(plugin).capture_close(pool);
}

namespace abi {

ss_plugin_rc capture_open(ss_plugin_t* s, const ss_plugin_capture_listen_input* input);
ss_plugin_rc capture_close(ss_plugin_t* s, const ss_plugin_capture_listen_input* input);

}  // namespace abi

}  // namespace falcogen::detail
