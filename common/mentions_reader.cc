#include "mentions_reader.hh"

#include <system_error>

namespace minutes {
namespace {

// Documents are handed over a few at a time, so that the threads seldom wait on each other;
// each worker keeps at most a few batches ahead of the caller.
constexpr std::size_t batch_size = 16;
constexpr std::size_t batches_ahead_per_worker = 4;

// The data of a document; an indexer committing meanwhile makes the reader move to the
// newest revision (a document removed meanwhile is left out).
std::optional<std::string> read_data(Xapian::Database& db, Xapian::docid id) {
    for (int attempt = 0;; ++attempt) {
        try {
            return db.get_document(id).get_data();
        } catch (const Xapian::DocNotFoundError&) {
            return std::nullopt;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == 100) throw;
            db.reopen();
        }
    }
}

}  // namespace

MentionReader::MentionReader(const Xapian::Database& db, std::vector<Xapian::docid> ids, Find find,
                             std::size_t workers)
    : db_(db),
      ids_(std::move(ids)),
      find_(std::move(find)),
      batches_((ids_.size() + batch_size - 1) / batch_size),
      extra_(db, ids_.size() > batch_size && workers > 1 ? workers - 1 : 0) {
    if (ids_.size() <= batch_size || workers == 0) return;  // not worth a thread
    if (!start(1 + extra_.handles().size())) stop();        // no thread to be had: next does it all
}

MentionReader::~MentionReader() {
    stop();
}

bool MentionReader::start(std::size_t workers) {
    try {
        for (std::size_t k = 0; k < workers; ++k) {
            Xapian::Database& db = k == 0 ? db_ : extra_.handles()[k - 1];
            threads_.emplace_back([this, k, workers, &db] { work(k, workers, db); });
        }
        return true;
    } catch (const std::system_error&) {
        return false;
    }
}

void MentionReader::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    for (auto& thread : threads_)
        thread.join();
    threads_.clear();
}

std::optional<DocumentMentions> MentionReader::find_one(Xapian::Database& db,
                                                        Xapian::docid id) const {
    auto data = read_data(db, id);
    if (!data) return std::nullopt;
    return find_(std::move(*data));
}

MentionReader::Batch MentionReader::find_batch(Xapian::Database& db, std::size_t batch) const {
    Batch found;
    std::size_t end = std::min(ids_.size(), (batch + 1) * batch_size);
    for (std::size_t i = batch * batch_size; i < end; ++i)
        found.push_back(find_one(db, ids_[i]));
    return found;
}

// Worker k of n finds batches k, k + n, k + 2n...
void MentionReader::work(std::size_t worker, std::size_t workers, Xapian::Database& db) {
    std::size_t ahead = batches_ahead_per_worker * workers;
    for (std::size_t batch = worker; batch < batches_; batch += workers) {
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stopping_ || batch < next_batch_ + ahead; });
            if (stopping_) return;
        }
        bool failed = false;
        try {
            Batch found = find_batch(db, batch);
            std::lock_guard lock(mutex_);
            ready_.emplace(batch, std::move(found));
        } catch (...) {
            failed = true;
            std::lock_guard lock(mutex_);
            if (!error_ || batch < failed_batch_) {
                error_ = std::current_exception();
                failed_batch_ = batch;
            }
        }
        changed_.notify_all();
        if (failed) return;
    }
}

// Moves the next batch to taken_: false past the last. The batches before a failed one
// come first; then what failed is thrown.
bool MentionReader::take_batch() {
    std::unique_lock lock(mutex_);
    if (next_batch_ == batches_) return false;
    changed_.wait(lock, [&] {
        return ready_.count(next_batch_) || (error_ && failed_batch_ == next_batch_);
    });
    auto it = ready_.find(next_batch_);
    if (it == ready_.end()) std::rethrow_exception(error_);
    taken_ = std::move(it->second);
    ready_.erase(it);
    ++next_batch_;
    handed_ = 0;
    lock.unlock();
    changed_.notify_all();
    return true;
}

bool MentionReader::next(std::optional<DocumentMentions>& found) {
    if (threads_.empty()) {
        if (read_ == ids_.size()) return false;
        found = find_one(db_, ids_[read_++]);
        return true;
    }
    if (handed_ == taken_.size() && !take_batch()) return false;
    found = std::move(taken_[handed_++]);
    return true;
}

}  // namespace minutes
