// Sourcing: open, the Instance that reads batches of events, progress and
// event_to_string.
#include <falcogen/host/host.hpp>

#include <algorithm>
#include <cctype>
#include <thread>

#include "internal.hpp"

namespace falcogen::host {

namespace {

// libsinsp's text for a plugin event that the plugin does not print:
// "datalen=N data=<up to 50 printable bytes>[...]", or "<binary>" data.
std::string payload_fallback_string(const ByteSpan& p) {
    std::string ret = "datalen=" + std::to_string(p.size) + " data=";
    size_t n = std::min<size_t>(p.size, 50);
    for (size_t i = 0; i < n; ++i) {
        if (!std::isprint(p.data[i])) return ret + "<binary>";
    }
    ret.append(reinterpret_cast<const char*>(p.data), n);
    if (p.size > 50) ret += "...";
    return ret;
}

}  // namespace

// ---- sourcing -----------------------------------------------------------------------------------

std::vector<OpenParam> Host::list_open_params() {
    require_init("list_open_params");
    if (api_.list_open_params == nullptr || state_ == nullptr) return {};
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    std::string text = opt_str(api_.list_open_params(state_, &rc));
    if (rc != SS_PLUGIN_SUCCESS) fail(err_prefix() + "list_open_params has error " + plugin_error());
    try {
        return parse_open_params_json(name_, text);
    } catch (const HostError&) {
        ++summary_.errors;
        throw;
    }
}

std::unique_ptr<Instance> Host::open(const std::string& params) {
    require_init("open");
    if (!(caps_ & CAP_SOURCING)) {
        fail("plugin " + name_ + " has no event sourcing capability: it cannot be opened");
    }
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    ss_instance_t* h = api_.open(state_, params.c_str(), &rc);
    if (rc != SS_PLUGIN_SUCCESS) {
        std::string msg = "could not open plugin " + name_ + ": " + plugin_error();
        // libscap calls close even when open failed (either pointer may be NULL).
        api_.close(state_, h);
        fail(msg);
    }
    if (!clock_started_ || summary_.events == 0) {
        clock_start_ = std::chrono::steady_clock::now();
        clock_started_ = true;
    }
    std::unique_ptr<Instance> inst(new Instance(*this, h));
    instances_.insert(inst.get());
    return inst;
}

void Host::forget_instance(Instance* i) {
    instances_.erase(i);
}

std::string Host::event_to_string(const HostEvent& evt) {
    require_init("event_to_string");
    if (!evt.is_plugin_event()) {
        return "type=" + std::to_string(evt.type()) + " nparams=" + std::to_string(evt.nparams()) +
               " len=" + std::to_string(evt.len());
    }
    std::string ret;
    if (state_ != nullptr && api_.event_to_string != nullptr && id_ != 0 && evt.plugin_id() == id_) {
        const std::string src = source_for(*this, evt);
        const ss_plugin_event_input in = event_input(evt, src);
        ret = opt_str(api_.event_to_string(state_, &in));
    }
    return ret.empty() ? payload_fallback_string(evt.payload()) : ret;
}

// ---- Instance -----------------------------------------------------------------------------------

Instance::~Instance() {
    try {
        close();
    } catch (...) {
    }
}

void Instance::close() {
    if (!open_) return;
    open_ = false;
    if (host_ != nullptr) {
        host_->api_.close(host_->state_, handle_);
        host_->forget_instance(this);
    }
}

void Instance::pull_batch(bool& got_timeout) {
    Host& h = *host_;
    uint32_t n = 0;
    ss_plugin_event** evts = nullptr;
    ss_plugin_rc rc = h.api_.next_batch(h.state_, handle_, &n, &evts);
    ++h.summary_.calls;
    const std::string pre = h.err_prefix();
    if (rc != SS_PLUGIN_SUCCESS && rc != SS_PLUGIN_FAILURE && rc != SS_PLUGIN_TIMEOUT && rc != SS_PLUGIN_EOF) {
        h.fail(pre + "next_batch returned an invalid rc " + std::to_string(static_cast<int>(rc)));
    }
    if (n > 0 && evts == nullptr) {
        h.fail(pre + "next_batch returned " + std::to_string(n) + " events but a NULL event array");
    }
    std::vector<HostEvent> batch = copy_batch(evts, n);
    h.next_evtnum_ += n;
    if (n > 0) ++h.summary_.batches;
    for (auto& e : batch) pending_.push_back(std::move(e));
    honour_batch_rc(rc, n, got_timeout);
}

std::vector<HostEvent> Instance::copy_batch(ss_plugin_event** evts, uint32_t n) {
    Host& h = *host_;
    std::vector<HostEvent> batch;
    batch.reserve(n);
    const uint64_t now = now_ns();
    const std::string src = h.events_source_name();
    for (uint32_t i = 0; i < n; ++i) {
        if (evts[i] == nullptr) {
            h.fail(h.err_prefix() + "next_batch returned a NULL event pointer at index " + std::to_string(i) + " of " +
                   std::to_string(n));
        }
        try {
            batch.push_back(check_and_copy_event(evts[i], h.id_, h.next_evtnum_ + i, now));
        } catch (const HostError& e) {
            h.fail(std::string(e.what()) + " (event #" + std::to_string(i) + " of a batch of " + std::to_string(n) +
                   ")");
        }
        batch.back().set_source(src);
    }
    return batch;
}

void Instance::honour_batch_rc(ss_plugin_rc rc, uint32_t n, bool& got_timeout) {
    Host& h = *host_;
    switch (rc) {
        case SS_PLUGIN_SUCCESS:
            if (n == 0) {
                h.fail(h.err_prefix() +
                       "unexpected 0 size event returned by plugin (next_batch returned SUCCESS with 0 events)");
            }
            break;
        case SS_PLUGIN_TIMEOUT:
            ++h.summary_.timeouts;
            got_timeout = true;
            break;
        case SS_PLUGIN_EOF: eof_ = true; break;
        default:  // FAILURE: the events of this batch are delivered first, then the error
            ++h.summary_.errors;
            deferred_error_ = h.err_prefix() + "next_batch failed: " + h.plugin_error();
            break;
    }
}

std::vector<HostEvent> Instance::next(size_t max_events) {
    if (host_ == nullptr) throw HostError("the plugin host of this instance was destroyed");
    if (!open_) throw HostError("next() called on a closed instance");
    std::vector<HostEvent> out;
    uint32_t timeouts = 0;
    while (out.size() < max_events) {
        if (!pending_.empty()) {
            take_pending(out, max_events);
            continue;
        }
        if (deferred_error_) {
            if (!out.empty()) break;  // deliver these first
            std::string e = *deferred_error_;
            deferred_error_.reset();
            failed_ = true;
            throw HostError(e);
        }
        if (failed_) throw HostError("next() called after the plugin failed");
        if (eof_) break;
        bool timeout = false;
        pull_batch(timeout);
        if (!timeout) continue;
        if (!pending_.empty()) {
            // events came with the TIMEOUT: hand them out, then return
            take_pending(out, max_events);
            break;
        }
        if (!out.empty()) break;
        if (!wait_after_timeout(++timeouts)) break;  // interrupted
    }
    return out;
}

void Instance::take_pending(std::vector<HostEvent>& out, size_t max_events) {
    while (!pending_.empty() && out.size() < max_events) {
        out.push_back(std::move(pending_.front()));
        pending_.pop_front();
        ++host_->summary_.events;
    }
}

bool Instance::wait_after_timeout(uint32_t timeouts) {
    const HostOptions& opt = host_->options_;
    if (opt.interrupted && opt.interrupted()) return false;
    if (opt.max_consecutive_timeouts != 0 && timeouts >= opt.max_consecutive_timeouts) {
        host_->fail(host_->err_prefix() + "next_batch returned TIMEOUT " + std::to_string(timeouts) +
                    " times in a row without events");
    }
    if (opt.timeout_backoff.count() > 0) std::this_thread::sleep_for(opt.timeout_backoff);
    return true;
}

std::optional<HostEvent> Instance::next_event() {
    auto v = next(1);
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

std::vector<HostEvent> Instance::read_all(size_t limit) {
    std::vector<HostEvent> out;
    while (out.size() < limit) {
        auto v = next(std::min<size_t>(limit - out.size(), 1024));
        if (v.empty()) break;
        for (auto& e : v) out.push_back(std::move(e));
    }
    return out;
}

Progress Instance::progress() {
    Progress p;
    if (host_ == nullptr || host_->api_.get_progress == nullptr || !open_) return p;
    p.supported = true;
    uint32_t pct = 0;
    p.text = opt_str(host_->api_.get_progress(host_->state_, handle_, &pct));
    if (pct > 10000) {
        host_->fail(host_->err_prefix() + "get_progress reported " + std::to_string(pct) +
                    " (expected 0..10000, i.e. 0.00%..100.00%)");
    }
    p.pct = pct;
    return p;
}

}  // namespace falcogen::host
