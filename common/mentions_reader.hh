// The mentions in documents, found on worker threads and handed out in order. Reading a
// record (mostly inflating it: Xapian keeps document data zlib-compressed) costs as much as
// finding the mentions in it, so each worker does both, through its own database handle,
// for every Nth batch of documents, while the caller writes out what is done.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "database.hh"
#include "mentions.hh"

namespace minutes {

class MentionReader {
  public:
    // The mentions a document's stored record holds (called on the workers' threads).
    using Find = std::function<DocumentMentions(std::string record)>;

    // Finds the mentions of `ids`, in order, from `db`, which nothing else may use until the
    // reader is destroyed (Xapian objects are not for two threads at once), on `workers`
    // threads; fewer when the database gives no more handles at its revision (shards), and
    // none, each document found by next() itself, for a few documents.
    MentionReader(const Xapian::Database& db, std::vector<Xapian::docid> ids, Find find,
                  std::size_t workers);
    ~MentionReader();
    MentionReader(const MentionReader&) = delete;
    MentionReader& operator=(const MentionReader&) = delete;

    // The next document's mentions (nullopt for a document removed meanwhile); false past the
    // last. Throws what reading or finding threw.
    bool next(std::optional<DocumentMentions>& found);

  private:
    using Batch = std::vector<std::optional<DocumentMentions>>;
    std::optional<DocumentMentions> find_one(Xapian::Database& db, Xapian::docid id) const;
    Batch find_batch(Xapian::Database& db, std::size_t batch) const;
    void work(std::size_t worker, std::size_t workers, Xapian::Database& db);
    bool start(std::size_t workers);
    void stop();
    bool take_batch();

    Xapian::Database db_;
    std::vector<Xapian::docid> ids_;
    Find find_;
    std::size_t batches_;
    std::size_t read_ = 0;  // ids done without workers, by next itself
    ExtraHandles extra_;    // the other workers' handles

    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::size_t, Batch> ready_;  // done, not yet taken, by batch number
    std::size_t next_batch_ = 0;          // the batch next() takes next
    bool stopping_ = false;               // the caller is gone
    std::exception_ptr error_;            // what a worker threw, in batch failed_batch_
    std::size_t failed_batch_ = 0;
    Batch taken_;             // the batch being handed out
    std::size_t handed_ = 0;  // documents of taken_ handed out
    std::vector<std::thread> threads_;
};

}  // namespace minutes
