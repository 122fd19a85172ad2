// Writes its tables from whatever the event holds: keys from the thread id
// and the event type, values from the first parameter's bytes, and erases or
// clears on some event types, so that the fuzzer's host-side calls meet
// entries appearing and vanishing.
#include <cstring>
#include <string>

#include "plugin.gen.hpp"

namespace fgtables {
namespace {

class Plugin final : public PluginBase {
public:
    void parse(const Event& event) override {
        falcogen::ByteView param;
        uint64_t value = 0;
        std::string text;
        if (event.scap().param(0, param)) {
            std::memcpy(&value, param.data, param.size < 8 ? param.size : 8);
            text.assign(reinterpret_cast<const char*>(param.data), param.size < 16 ? param.size : 16);
        }
        const std::string key = std::to_string(static_cast<uint64_t>(event.tid()) % 5);
        switch (event.type() % 7) {
            case 0: tables().ft_str.erase(key); break;
            case 1: tables().ft_int.clear(); break;
            default: write(key, value, text); break;
        }
    }

private:
    void write(const std::string& key, uint64_t value, const std::string& text) {
        FtStrEntry& e = tables().ft_str.get_or_add(key);
        e.i8 = static_cast<int8_t>(value);
        e.i64 = static_cast<int64_t>(value);
        e.u16 = static_cast<uint16_t>(value);
        e.s = text;
        e.b = (value & 1) != 0;
        e.ro += 1;
        FtIntEntry& n = tables().ft_int.get_or_add(static_cast<uint32_t>(value % 4));
        n.n += value;
        n.s = text;
    }
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config&, const falcogen::Logger&) {
    return std::make_unique<Plugin>();
}

}  // namespace fgtables
