// The hello plugin: every event is a greeting. This file is the author's
// side; the plugin's ABI, config parsing and event codec are generated from
// plugin.yaml into plugin.gen.hpp and friends.
#include "plugin.gen.hpp"

namespace hello {

namespace {

class HelloCapture final : public InstanceBase {
public:
    explicit HelloCapture(uint64_t total) : total_(total) {}

    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        const Config& config = this->config();  // read once per batch, not per event
        while (emitted_ < total_ && batch.size() < static_cast<uint64_t>(config.batch_size)) {
            batch.add(Greeting{config.greeting, ++emitted_});
        }
        return emitted_ < total_ ? falcogen::NextResult::ok : falcogen::NextResult::eof;
    }

    double progress(std::string& text) override {
        text = std::to_string(emitted_) + "/" + std::to_string(total_) + " greetings";
        return total_ == 0 ? 1.0 : static_cast<double>(emitted_) / static_cast<double>(total_);
    }

private:
    const uint64_t total_;
    uint64_t emitted_ = 0;
};

class HelloPlugin final : public PluginBase {
public:
    // `count`: the open params, an integer >= 0 (10 when empty), as plugin.yaml's source.open says.
    std::unique_ptr<InstanceBase> open(const OpenParams& count) override {
        return std::make_unique<HelloCapture>(static_cast<uint64_t>(count));
    }

    // "hello, world #3": the SDK examples' rendering, instead of the default
    // "greeting text=hello, world seq=3". One text::append for all the pieces
    // sizes the text once and writes it straight into the plugin's text
    // memory (text::Out: no std::string), showing control characters as \xNN.
    void to_string(const Greeting& event, falcogen::text::Out& out) override {
        if (event.has_seq()) {
            falcogen::text::append(out, event.text, " #", event.seq);
        } else {
            falcogen::text::append(out, event.text);
        }
    }

    // hello.shout: the text in capital letters (a computed field over greetings).
    bool extract_hello_shout(const Greeting& greeting, std::string& out) override {
        for (char c : greeting.text) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        return true;
    }
};

}  // namespace

FALCOGEN_PLUGIN(HelloPlugin)

}  // namespace hello
