#include "mentions_reader.hh"

#include <system_error>

namespace minutes {
namespace {

// Records are handed over a few at a time, so that the threads seldom wait on each other.
constexpr std::size_t batch_size = 16;
constexpr std::size_t batches_ahead = 8;

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

RecordReader::RecordReader(Xapian::Database db, std::vector<Xapian::docid> ids)
    : db_(std::move(db)), ids_(std::move(ids)) {
    if (ids_.size() <= batch_size) return;  // not worth a thread
    try {
        thread_ = std::thread([this] { read_all(); });
    } catch (const std::system_error&) {
        // No thread to be had: next reads each record itself.
    }
}

RecordReader::~RecordReader() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void RecordReader::read_all() {
    try {
        Batch batch;
        for (Xapian::docid id : ids_) {
            batch.push_back(read_data(db_, id));
            if (batch.size() == batch_size && !put(batch)) return;
        }
        if (!batch.empty() && !put(batch)) return;
    } catch (...) {
        std::lock_guard lock(mutex_);
        error_ = std::current_exception();
    }
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
    }
    changed_.notify_all();
}

bool RecordReader::put(Batch& batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopping_ || ready_.size() < batches_ahead; });
    if (stopping_) return false;
    ready_.push_back(std::move(batch));
    batch.clear();
    lock.unlock();
    changed_.notify_all();
    return true;
}

bool RecordReader::next(std::optional<std::string>& data) {
    if (!thread_.joinable()) {
        if (read_ == ids_.size()) return false;
        data = read_data(db_, ids_[read_++]);
        return true;
    }
    if (handed_ == taken_.size()) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !ready_.empty() || finished_; });
        if (ready_.empty()) {
            if (error_) std::rethrow_exception(error_);
            return false;
        }
        taken_ = std::move(ready_.front());
        ready_.pop_front();
        handed_ = 0;
        lock.unlock();
        changed_.notify_all();
    }
    data = std::move(taken_[handed_++]);
    return true;
}

}  // namespace minutes
