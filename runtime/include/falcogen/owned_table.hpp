// A table the plugin owns and offers to other plugins (the manifest's
// `tables.export`). The author uses it as a map of the generated entry
// struct; other plugins reach it through the host, which calls the vtables
// below (registered with add_table in plugin_init):
//
//     CommsEntry& entry = tables().comms.get_or_add(comm);
//     entry.events += 1;
//
// Other plugins read it from their own parse or extract calls, which the
// host runs on its event thread: change it from parse (or init), not from a
// capture's next_batch. Lookups are O(1) on average and allocate nothing
// (string keys go through a reused buffer); entries keep their address
// until erased. An entry another plugin holds (got, not yet released) outlives
// its erasure until that plugin releases it, as libsinsp's own entries do.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "falcogen/detail/owned_core.hpp"
#include "falcogen/detail/state_values.hpp"

namespace falcogen {

template <typename Key, typename Entry>
class OwnedTable : public detail::OwnedTableCore {
public:
    using KeyType = Key;
    // How the author passes a key: string keys as views.
    using KeyArg = std::conditional_t<std::is_same_v<Key, std::string>, std::string_view, Key>;

    explicit OwnedTable(const char* name) : OwnedTableCore(name, detail::state_type_of<Key>()) {
        Entry probe{};
        Entry::members(probe, [this](auto& member, const char* member_name, bool readonly) {
            declare_member(member_name, detail::state_type_of<std::decay_t<decltype(member)>>(), readonly);
        });
    }

    Entry* find(KeyArg key) {
        Node* node = lookup(key);
        return node != nullptr ? &node->entry : nullptr;
    }
    const Entry* find(KeyArg key) const { return const_cast<OwnedTable*>(this)->find(key); }
    // The entry with this key, default-constructed if it is new.
    Entry& get_or_add(KeyArg key) {
        if (Node* node = lookup(key)) return node->entry;
        return insert(Key(key), std::make_unique<Node>())->entry;
    }
    bool erase(KeyArg key) {
        return key_buffer(key, [this](const Key& k) {
            auto it = entries_.find(k);
            if (it == entries_.end()) return false;
            retire(std::move(it->second));
            entries_.erase(it);
            return true;
        });
    }
    void clear() {
        for (auto& entry : entries_) retire(std::move(entry.second));
        entries_.clear();
    }
    size_t size() const { return entries_.size(); }
    // visit(const Key&, Entry&) for each entry; do not add or erase meanwhile.
    template <typename Visit>
    void for_each(Visit&& visit) {
        for (auto& [key, node] : entries_) visit(key, node->entry);
    }

    // ---- What the host calls (through the vtables) ----------------------------------------------

    struct Node {
        Entry entry{};
        std::vector<detail::AddedValue> added;  // fields other plugins added
        uint32_t holds = 0;  // handed out by get/add_table_entry, not yet released
        bool retired = false;  // erased while held: freed by the last release
    };
    using Map = std::unordered_map<Key, std::unique_ptr<Node>>;

    Node* lookup(KeyArg key) {
        return key_buffer(key, [this](const Key& k) {
            auto it = entries_.find(k);
            return it != entries_.end() ? it->second.get() : nullptr;
        });
    }
    Node* insert(Key key, std::unique_ptr<Node> node) {
        auto& slot = entries_[std::move(key)];
        retire(std::move(slot));
        slot = std::move(node);
        return slot.get();
    }
    // get_table_entry and add_table_entry hand out an entry; release_table_entry
    // gives it back. Counting in the node keeps lookups free of allocations.
    void hold(Node* node) { ++node->holds; }
    void release(Node* node) {
        if (node->holds == 0 || --node->holds > 0) return;
        if (node->retired) retired_.erase(node);  // erased while held: freed now
    }
    Map& entries() { return entries_; }
    // Entries the host created and has not added yet (create_table_entry).
    std::unordered_map<Node*, std::unique_ptr<Node>>& detached() { return detached_; }

private:
    // Frees an entry leaving the table, unless another plugin still holds it.
    void retire(std::unique_ptr<Node> node) {
        if (node == nullptr || node->holds == 0) return;
        node->retired = true;
        retired_.emplace(node.get(), std::move(node));
    }

    // Runs f on the key as a const Key&: a string key is copied into a reused buffer.
    template <typename F>
    auto key_buffer(KeyArg key, F&& f) {
        if constexpr (std::is_same_v<Key, std::string>) {
            buffer_.assign(key.data(), key.size());
            return f(buffer_);
        } else {
            return f(key);
        }
    }

    Map entries_;
    std::unordered_map<Node*, std::unique_ptr<Node>> detached_;
    std::unordered_map<Node*, std::unique_ptr<Node>> retired_;  // erased while held
    std::string buffer_;
};

}  // namespace falcogen
