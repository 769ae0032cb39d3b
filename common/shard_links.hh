// Copies of one meeting held by different shards. Each shard groups the copies it holds
// when it is indexed (meeting_groups.hh); linking does the same across every shard of a stub
// file, so the archive searched as one gives what one database of all its files would:
// the same meeting ids, and dates shared between copies.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace minutes {

struct LinkOptions {
    std::string stub;                 // the stub file listing the shards
    std::vector<std::string> shards;  // or the local shards themselves, in order, if no stub
    bool wait = false;                // wait for an indexer holding a shard, instead of failing
    std::function<void()> on_wait;
};

struct LinkSummary {
    std::size_t shards = 0;
    std::size_t documents = 0;
    std::size_t relinked = 0;               // documents rewritten with another id or date
    std::vector<std::string> not_writable;  // remote shards that hold documents to relink
    double seconds = 0;
};

// Reads every shard (remote ones too), then rewrites the documents of local shards whose
// meeting id or shared date differs from what one database would give them. A remote shard
// needing changes is named in `not_writable`: link it on the machine that holds it.
// Throws IndexError (index_writer.hh) when a shard cannot be opened.
LinkSummary link_shards(const LinkOptions& options);

}  // namespace minutes
