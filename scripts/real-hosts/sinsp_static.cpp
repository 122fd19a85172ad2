// sinsp-static: two falcogen plugins built STATIC, linked into one program
// and handed to the real libsinsp as plugin_api tables
// (sinsp::register_plugin(const plugin_api*)); hello is opened as the source.
#include <sinsp.h>

#include <cstdio>

extern "C" const plugin_api* falcogen_plugin_api_hello(void);
extern "C" const plugin_api* falcogen_plugin_api_meterx(void);

int main(int argc, char** argv) {
    try {
        sinsp inspector;
        auto hello = inspector.register_plugin(falcogen_plugin_api_hello());
        auto meterx = inspector.register_plugin(falcogen_plugin_api_meterx());
        std::string err;
        if (!hello->init("{}", err) || !meterx->init("{}", err)) {
            std::fprintf(stderr, "init failed: %s\n", err.c_str());
            return 1;
        }
        std::printf("registered %s %s (API %s) and %s %s\n", hello->name().c_str(),
                    hello->plugin_version().as_string().c_str(), hello->required_api_version().as_string().c_str(),
                    meterx->name().c_str(), meterx->plugin_version().as_string().c_str());
        sinsp_filter_check_list checks;
        checks.add_filter_check(sinsp_plugin::new_filtercheck(hello));
        sinsp_evt_formatter formatter(&inspector, "%evt.num %hello.text %hello.seq %hello.shout", checks);
        inspector.open_plugin("hello", argc > 1 ? argv[1] : "3", sinsp_plugin_platform::SINSP_PLATFORM_GENERIC);
        for (;;) {
            sinsp_evt* evt = nullptr;
            const int32_t rc = inspector.next(&evt);
            if (rc == SCAP_TIMEOUT || rc == SCAP_FILTERED_EVENT) continue;
            if (rc == SCAP_EOF) break;
            if (rc != SCAP_SUCCESS) {
                std::fprintf(stderr, "next: %s\n", inspector.getlasterr().c_str());
                return 1;
            }
            std::string line;
            formatter.tostring(evt, line);
            std::printf("%s\n", line.c_str());
        }
        inspector.close();
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
