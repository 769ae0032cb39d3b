// Data a search reads from the whole archive (the people, the documents that share a
// meeting, the order of the paths), kept for the next searches of the same process while
// the database stays at the same revision (local_snapshot, search_matches.hh).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace minutes {

template <typename T>
class PerSnapshot {
  public:
    // The value for `snapshot`, made by `make` the `min_uses`th time it is asked for (before
    // that, nullptr: a process that searches once does better without).
    std::shared_ptr<const T> get(const std::string& snapshot,
                                 const std::function<std::shared_ptr<const T>()>& make,
                                 unsigned min_uses = 1) {
        {
            std::lock_guard<std::mutex> hold(lock_);
            Entry& e = entry(snapshot);
            if (e.value || ++e.uses < min_uses) return e.value;
        }
        std::shared_ptr<const T> value = make();
        std::lock_guard<std::mutex> hold(lock_);
        entry(snapshot).value = value;
        return value;
    }

  private:
    struct Entry {
        std::string snapshot;
        unsigned uses = 0;
        std::shared_ptr<const T> value;
    };

    // A few snapshots: a process seldom searches more databases, or revisions, at once.
    Entry& entry(const std::string& snapshot) {
        for (Entry& e : entries_)
            if (e.snapshot == snapshot) return e;
        if (entries_.size() >= 4) entries_.erase(entries_.begin());
        entries_.push_back({snapshot, 0, nullptr});
        return entries_.back();
    }

    std::mutex lock_;
    std::vector<Entry> entries_;
};

}  // namespace minutes
