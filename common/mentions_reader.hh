// The stored records of documents, read ahead on a thread of their own. Reading a record
// (mostly inflating it: Xapian keeps document data zlib-compressed) costs as much as finding
// the mentions in it, so while the caller works on one record the next ones are read.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

namespace minutes {

class RecordReader {
  public:
    // Reads the data of `ids`, in order, from `db`, which nothing else may use until the
    // reader is destroyed (Xapian objects are not for two threads at once).
    RecordReader(Xapian::Database db, std::vector<Xapian::docid> ids);
    ~RecordReader();
    RecordReader(const RecordReader&) = delete;
    RecordReader& operator=(const RecordReader&) = delete;

    // The next document's data (nullopt for a document removed meanwhile); false past the
    // last. Throws what reading threw.
    bool next(std::optional<std::string>& data);

  private:
    using Batch = std::vector<std::optional<std::string>>;
    void read_all();
    bool put(Batch& batch);

    Xapian::Database db_;
    std::vector<Xapian::docid> ids_;
    std::size_t read_ = 0;  // ids read (without a thread: by next itself)

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Batch> ready_;   // read, not yet taken
    bool finished_ = false;     // the thread read the last id, or failed
    bool stopping_ = false;     // the caller is gone
    std::exception_ptr error_;  // what the thread's reading threw
    Batch taken_;               // the batch being handed out
    std::size_t handed_ = 0;    // records of taken_ handed out
    std::thread thread_;
};

}  // namespace minutes
