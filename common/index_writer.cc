#include "index_writer.hh"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <variant>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "body.hh"
#include "document.hh"
#include "encoding.hh"
#include "file_walker.hh"
#include "meeting_groups.hh"
#include "meeting_parser.hh"
#include "schema.hh"
#include "search_rank.hh"
#include "shard_links.hh"
#include "vocabulary.hh"

namespace minutes {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::vector<Root> load_roots(const Xapian::Database& db) {
    json j = json::parse(db.get_metadata(std::string(roots_key)), nullptr, false);
    std::vector<Root> roots;
    if (!j.is_array()) return roots;
    for (const auto& r : j)
        if (r.is_object()) roots.push_back({r.value("given", ""), r.value("absolute", "")});
    return roots;
}

void save_roots(Xapian::WritableDatabase& db, std::vector<Root> roots) {
    json j = json::array();
    for (const auto& r : roots)
        j.push_back({{"given", r.given}, {"absolute", r.absolute}});
    db.set_metadata(std::string(roots_key), j.dump());
}

std::vector<Root> merge_roots(std::vector<Root> remembered, const std::vector<Root>& fresh) {
    for (const auto& r : fresh) {
        auto same = [&](const Root& old) { return old.absolute == r.absolute; };
        auto it = std::find_if(remembered.begin(), remembered.end(), same);
        if (it == remembered.end())
            remembered.push_back(r);
        else
            *it = r;
    }
    return remembered;
}

// Size and modification time: when both are unchanged the file is not read again.
std::string file_state(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
}

struct IndexedFile {
    Xapian::docid id;
    std::string state;
    std::string hash;
};

// Every indexed file by name, from the value streams (no document is read).
std::map<std::string, IndexedFile> indexed_files(const Xapian::Database& db) {
    std::map<std::string, IndexedFile> files;
    auto value = [&](Slot s, Xapian::ValueIterator& it, Xapian::docid id) {
        if (it != db.valuestream_end(slot(s))) it.skip_to(id);
        return it != db.valuestream_end(slot(s)) && it.get_docid() == id ? *it : std::string();
    };
    Xapian::ValueIterator state = db.valuestream_begin(slot(Slot::file_state));
    Xapian::ValueIterator hash = db.valuestream_begin(slot(Slot::content_hash));
    for (auto it = db.valuestream_begin(slot(Slot::file));
         it != db.valuestream_end(slot(Slot::file)); ++it) {
        Xapian::docid id = it.get_docid();
        files[*it] = {id, value(Slot::file_state, state, id), value(Slot::content_hash, hash, id)};
    }
    return files;
}

std::variant<std::string, SkippedFile> read_bytes(const FoundFile& file, std::uintmax_t max_bytes) {
    auto skip = [&](std::string reason) { return SkippedFile{file.name, std::move(reason)}; };
    std::error_code ec;
    auto size = fs::file_size(file.path, ec);
    if (ec) return skip("cannot read: " + ec.message());
    if (size > max_bytes)
        return skip("larger than the limit of " + std::to_string(max_bytes >> 20) + " MB");
    std::ifstream in(file.path, std::ios::binary);
    if (!in) return skip(std::string("cannot open: ") + std::strerror(errno));
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (in.bad()) return skip(std::string("read error: ") + std::strerror(errno));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

// FNV-1a, 64 bits, as hex: confirms a file is unchanged, and finds a moved one.
std::string content_hash(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes)
        h = (h ^ c) * 1099511628211ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

std::variant<StoredDocument, std::string> analyse(const FoundFile& file, std::string bytes) {
    auto decoded = decode_document(bytes);
    if (auto* not_text = std::get_if<NotText>(&decoded)) return "not text: " + not_text->reason;
    if (bytes.empty()) return std::string("empty file");
    auto& text = std::get<DecodedText>(decoded);
    StoredDocument doc{file.name, text.encoding, extract_meeting(text.text), std::move(text.text)};
    if (doc.meeting.date) doc.meeting.date_source = "text";
    return doc;
}

}  // namespace

namespace {

// Whether a process holds the fcntl lock Xapian takes on `dir`/flintlock.
bool lock_held(const fs::path& dir) {
    int fd = ::open((dir / "flintlock").c_str(), O_RDONLY);
    if (fd < 0) return false;
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    bool held = ::fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
    ::close(fd);
    return held;
}

// A glass database whose creation was killed: some of its files, but not its version file
// (written last, v.tmp renamed to iamglass), so nothing was ever committed to it; Xapian
// then refuses to open or create it. Its files are removed (and only when every file there
// is one of glass's, and nobody holds its lock); true if so.
bool clear_half_created(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir / "iamglass", ec) || lock_held(dir)) return false;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        bool glass = name == "flintlock" || name == "v.tmp" || name.ends_with(".glass") ||
                     name.ends_with(".baseA") || name.ends_with(".baseB");
        if (!glass || !entry.is_regular_file(ec)) return false;
        files.push_back(entry.path());
    }
    for (const auto& file : files)
        fs::remove(file, ec);
    return !files.empty() && !ec;
}

}  // namespace

Xapian::WritableDatabase open_writable(const IndexOptions& options, bool overwrite) {
    const std::string& path = options.db_path;
    std::error_code ec;
    fs::create_directories(
        fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path(), ec);
    // Xapian's lock is held by a child process, which outlives a killed writer by a moment:
    // a lock still held after 2 s is another writer's.
    auto grace = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (bool told = false;;) {
        try {
            return Xapian::WritableDatabase(
                path, overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
        } catch (const Xapian::DatabaseLockError&) {
            bool waited_enough = std::chrono::steady_clock::now() > grace;
            if (!options.wait && waited_enough)
                throw IndexError("database is being updated by another minutes-index: " + path +
                                 " (--wait waits for it)");
            if (!told && waited_enough && options.on_wait) {
                options.on_wait();
                told = true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        } catch (const Xapian::Error& e) {
            if (clear_half_created(path)) continue;  // then created anew
            throw IndexError("cannot open database " + path + " for writing: " + e.get_msg());
        }
    }
}

namespace {

std::vector<Root> roots_from_arguments(const std::vector<std::string>& paths) {
    std::vector<Root> roots;
    for (const auto& p : paths) {
        std::error_code ec;
        fs::path absolute = fs::absolute(p, ec).lexically_normal();
        roots.push_back({normal(p), normal(absolute.string())});
    }
    return roots;
}

}  // namespace

namespace {

// Calls f(0..n-1) on `jobs` threads (this one included).
template <typename F>
void parallel_for(std::size_t n, std::size_t jobs, F&& f) {
    std::atomic<std::size_t> next = 0;
    auto work = [&] {
        for (std::size_t i; (i = next++) < n;)
            f(i);
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < std::min(jobs, n); ++t)
        threads.emplace_back(work);
    work();
    for (auto& t : threads)
        t.join();
}

constexpr std::size_t chunk_files = 64;  // files prepared at a time, per job

// The copies of a meeting grouped, in memory, for the writers of a parallel build. They take
// the chunks of files in turn, and each chunk is grouped after every chunk before it by path.
class SharedGrouping {
  public:
    // Calls f on chunk `index`'s turn; throws once a writer has failed.
    void in_turn(std::size_t index, const std::function<void(MeetingGrouping&)>& f) {
        std::unique_lock lock(mutex_);
        turn_.wait(lock, [&] { return next_ == index || failure_; });
        if (failure_) throw IndexError("stopped: another writer failed");
        f(grouping_);
        ++next_;
        turn_.notify_all();
    }

    void fail(std::exception_ptr failure) {
        std::lock_guard lock(mutex_);
        if (!failure_) failure_ = failure;
        turn_.notify_all();
    }

    std::exception_ptr failure() const { return failure_; }

  private:
    std::mutex mutex_;
    std::condition_variable turn_;
    std::size_t next_ = 0;
    std::exception_ptr failure_;
    MeetingGrouping grouping_;
};

// One run of the indexer over the files found under the roots.
class IndexRun {
  public:
    IndexRun(const IndexOptions& options, Xapian::WritableDatabase& db, IndexSummary& summary)
        : options_(options), db_(db), summary_(summary), existing_(indexed_files(db)) {}

    void update(const std::vector<FoundFile>& found, const std::vector<Root>& walked) {
        find_vanished(found, walked);
        progress_.files_seen = found.size();
        std::size_t chunk = chunk_files * std::max<std::size_t>(1, options_.jobs);
        for (std::size_t start = 0; start < found.size(); start += chunk)
            run_chunk(found, start, chunk);
        for (const auto& [hash, name] : vanished_) {
            db_.delete_document(existing_.at(name).id);
            ++summary_.removed;
        }
    }

    // Files are prepared a chunk at a time by the worker threads (reading, analysis and the
    // body's terms need no database) and written in order by this one. A writer of a
    // parallel build groups the chunk's meetings, chunk `index` of all, in `shared`.
    void run_chunk(const std::vector<FoundFile>& found, std::size_t start, std::size_t chunk,
                   SharedGrouping* shared = nullptr, std::size_t index = 0) {
        std::vector<Prepared> prepared = prepare_chunk(found, start, chunk);
        if (shared) shared->in_turn(index, [&](MeetingGrouping& g) { group(g, prepared); });
        for (std::size_t i = 0; i < prepared.size(); ++i) {
            progress_.current = found[start + i].name;
            if (options_.on_progress) options_.on_progress(progress_);
            ++progress_.files_done;
            apply(found[start + i], prepared[i]);
        }
    }

  private:
    // What a worker makes of a file that needs reading; `needed` is false for one unchanged.
    struct Prepared {
        bool needed = false;
        std::string state;
        std::optional<SkippedFile> skipped;  // unreadable or not text
        std::string hash;
        StoredDocument doc;
        Fingerprint fingerprint;
        Xapian::Document body;
        bool grouped = false;  // meeting id and shared date set already
    };

    static void group(MeetingGrouping& grouping, std::vector<Prepared>& prepared) {
        for (Prepared& p : prepared) {
            if (!p.needed || p.skipped) continue;
            p.doc.meeting.id = grouping.group(&p.fingerprint, p.doc.meeting.id);
            grouping.share_date(p.doc.meeting);
            p.grouped = true;
        }
    }

    std::vector<Prepared> prepare_chunk(const std::vector<FoundFile>& found, std::size_t start,
                                        std::size_t chunk) {
        std::vector<Prepared> prepared(std::min(chunk, found.size() - start));
        for (std::size_t i = 0; i < prepared.size(); ++i) {
            const FoundFile& file = found[start + i];
            prepared[i].state = file_state(file.path);
            auto old = existing_.find(file.name);
            prepared[i].needed = old == existing_.end() || old->second.state != prepared[i].state ||
                                 prepared[i].state.empty();
        }
        parallel_for(prepared.size(), options_.jobs, [&](std::size_t i) {
            if (prepared[i].needed) prepare(found[start + i], prepared[i]);
        });
        return prepared;
    }

    void prepare(const FoundFile& file, Prepared& p) const {
        auto read = read_bytes(file, options_.max_file_bytes);
        if (auto* skipped = std::get_if<SkippedFile>(&read)) {
            p.skipped = *skipped;
            return;
        }
        std::string& bytes = std::get<std::string>(read);
        p.hash = content_hash(bytes);
        auto analysed = analyse(file, std::move(bytes));
        if (auto* reason = std::get_if<std::string>(&analysed)) {
            p.skipped = SkippedFile{file.name, *reason};
            return;
        }
        p.doc = std::move(std::get<StoredDocument>(analysed));
        TextFacts facts = text_facts(p.doc.text);
        p.doc.meeting.id = facts.meeting_id;
        Body body = prepare_body(p.doc.text);
        FingerprintBuilder words;
        p.body = body_document(body, facts.ocr_damage, [&](const IndexedWord& w, const Segment& s) {
            if (&s == &body.running && !w.whole)
                words.add(std::string_view(s.text).substr(w.offset, w.length), w.numeric);
        });
        if (p.body.termlist_count() == 0) {  // the words, counted while indexing them
            p.skipped = SkippedFile{file.name, "no words in it"};
            return;
        }
        p.fingerprint = words.fingerprint();
    }

    // Indexed files gone from under the roots walked; a file moved keeps its content.
    void find_vanished(const std::vector<FoundFile>& found, const std::vector<Root>& walked) {
        std::set<std::string> seen;
        for (const auto& f : found)
            seen.insert(f.name);
        for (const auto& entry : existing_) {
            const std::string& name = entry.first;
            bool under_walked = std::any_of(walked.begin(), walked.end(), [&](const Root& r) {
                return lies_under(name, r.given);
            });
            if (!seen.count(name) && under_walked) vanished_.emplace(entry.second.hash, name);
        }
    }

    void apply(const FoundFile& file, Prepared& p) {
        auto old = existing_.find(file.name);
        bool known = old != existing_.end();
        if (!p.needed) {
            ++summary_.unchanged;
        } else if (known && !p.hash.empty() && old->second.hash == p.hash) {
            write(old->second.id, with_state(db_.get_document(old->second.id), p.state));
            ++summary_.unchanged;  // touched, not changed
        } else if (auto moved = vanished_.find(p.hash);
                   !known && !p.hash.empty() && moved != vanished_.end()) {
            Xapian::Document doc = db_.get_document(existing_.at(moved->second).id);
            rename_document(doc, file.name, p.state);
            write(existing_.at(moved->second).id, doc);
            vanished_.erase(moved);
            ++summary_.moved;
        } else if (p.skipped) {
            summary_.skipped.push_back(*p.skipped);
        } else {
            index(p, known);
        }
    }

    void index(Prepared& p, bool known) {
        StoredDocument& doc = p.doc;
        if (!p.grouped) {
            doc.meeting.id = group_meeting(db_, p.fingerprint, doc.file, doc.meeting.id);
            share_dates(db_, doc);
        }
        Xapian::Document& xdoc = p.body;
        add_record(xdoc, doc, p.state);
        add_fingerprint(xdoc, p.fingerprint);
        xdoc.add_value(slot(Slot::content_hash), p.hash);
        vocabulary_.add_words_of(db_, xdoc);
        db_.replace_document(unique_term(doc.file), xdoc);
        ++(known ? summary_.updated : summary_.indexed);
        count_write();
    }

    static Xapian::Document with_state(Xapian::Document doc, const std::string& state) {
        doc.add_value(slot(Slot::file_state), state);
        return doc;
    }

    void write(Xapian::docid id, const Xapian::Document& doc) {
        db_.replace_document(id, doc);
        count_write();
    }

    // Commits in batches: a crash loses at most one batch, never the database.
    void count_write() {
        if (++since_commit_ < options_.commit_every) return;
        db_.commit();
        since_commit_ = 0;
    }

    const IndexOptions& options_;
    Xapian::WritableDatabase& db_;
    IndexSummary& summary_;
    std::map<std::string, IndexedFile> existing_;
    std::multimap<std::string, std::string> vanished_;  // content hash -> indexed name
    VocabularyWriter vocabulary_{default_analyzer()};
    std::size_t since_commit_ = 0;
    IndexProgress progress_;
};

}  // namespace

namespace {

std::vector<Root> roots_to_walk(const IndexOptions& options, const std::vector<Root>& remembered) {
    std::vector<Root> roots =
        options.roots.empty() ? remembered : roots_from_arguments(options.roots);
    if (roots.empty())
        throw IndexError("no paths given, and none remembered in " + options.db_path);
    return roots;
}

// The files of one run, found under the roots.
struct Walk {
    std::vector<Root> remember;  // the roots the database remembers after the run
    std::vector<Root> walked;    // the roots that could be walked
    std::vector<FoundFile> found;
};

Walk walk(const IndexOptions& options, const std::vector<Root>& remembered, IndexSummary& summary) {
    Walk w;
    std::vector<Root> roots = roots_to_walk(options, remembered);
    w.found = find_files(roots, options.follow_symlinks, summary.skipped, w.walked);
    w.remember = options.roots.empty() ? remembered : merge_roots(remembered, roots);
    return w;
}

void finish(Xapian::WritableDatabase& db, const Walk& w) {
    save_roots(db, w.remember);
    db.set_metadata(std::string(schema_key), std::string(schema_version));
    store_shared_meetings(db);
}

void index_into(Xapian::WritableDatabase& db, const IndexOptions& options, const Walk& w,
                IndexSummary& summary) {
    IndexRun(options, db, summary).update(w.found, w.walked);
    finish(db, w);
}

// The database at `path` (open as `db`) replaced by the one at `fresh` in two renames:
// readers keep the old one until then, and a crash leaves one of them whole.
void replace_database(Xapian::WritableDatabase& db, const std::string& path,
                      const std::string& fresh) {
    std::string old = path + ".replaced";
    std::error_code ec;
    fs::remove_all(old, ec);
    fs::rename(path, old);
    fs::rename(fresh, path);
    db.close();  // the old database's lock, held until the new one is in place
    fs::remove_all(old, ec);
}

// A full rebuild goes into a fresh database beside the old one, which then takes its place.
void rebuild(Xapian::WritableDatabase& db, const IndexOptions& options, const Walk& w,
             IndexSummary& summary) {
    std::string fresh = options.db_path + ".rebuilding";
    std::error_code ec;
    fs::remove_all(fresh, ec);
    IndexOptions into = options;
    into.db_path = fresh;
    Xapian::WritableDatabase rebuilt = open_writable(into, true);
    index_into(rebuilt, options, w, summary);
    rebuilt.close();
    replace_database(db, options.db_path, fresh);
}

std::uintmax_t bytes_under(const std::string& path) {
    std::uintmax_t bytes = 0;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(path, ec))
        if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
    return bytes;
}

// Xapian's compactor writes the database anew, its B-trees full: smaller, and faster to read.
void compact(Xapian::WritableDatabase& db, const IndexOptions& options, IndexSummary& summary) {
    std::string fresh = options.db_path + ".compacting";
    std::error_code ec;
    fs::remove_all(fresh, ec);
    summary.bytes_before = bytes_under(options.db_path);
    db.compact(fresh);
    replace_database(db, options.db_path, fresh);
    summary.bytes_after = bytes_under(options.db_path);
    summary.compacted = true;
}

std::string writers_dir(const std::string& db_path) {
    return db_path + ".writers";
}

std::string part_path(const std::string& db_path, std::size_t k) {
    return writers_dir(db_path) + "/" + std::to_string(k);
}

void add_up(IndexSummary& total, const IndexSummary& part) {
    total.indexed += part.indexed;
    total.updated += part.updated;
    total.removed += part.removed;
    total.moved += part.moved;
    total.unchanged += part.unchanged;
    total.skipped.insert(total.skipped.end(), part.skipped.begin(), part.skipped.end());
}

// Reports the progress of every writer as one.
class SharedProgress {
  public:
    SharedProgress(const IndexOptions& options, std::size_t files)
        : report_(options.on_progress), files_(files) {}

    std::function<void(const IndexProgress&)> for_writer() {
        if (!report_) return {};
        return [this](const IndexProgress& p) {
            std::lock_guard lock(mutex_);
            report_({files_, done_++, p.current});
        };
    }

  private:
    std::function<void(const IndexProgress&)> report_;
    std::size_t files_, done_ = 0;
    std::mutex mutex_;
};

// Writer `k` of `writers`: indexes chunks k, k + writers, k + 2 * writers... of the files
// into a database of its own.
void write_part(const IndexOptions& options, const Walk& w, std::size_t k, std::size_t writers,
                SharedGrouping& grouping, SharedProgress& progress, IndexSummary& summary) {
    IndexOptions part = options;
    part.db_path = part_path(options.db_path, k);
    part.jobs = 1;
    part.on_progress = progress.for_writer();
    // A part is scratch until merged: no fsync, and no copy-on-write of its blocks.
    Xapian::WritableDatabase db(
        part.db_path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS);
    IndexRun run(part, db, summary);
    for (std::size_t c = k; c * chunk_files < w.found.size(); c += writers)
        run.run_chunk(w.found, c * chunk_files, chunk_files, &grouping, c);
    db.commit();
}

// The parts of a parallel build, written at once, one per thread; returns their paths.
std::vector<std::string> write_parts(const IndexOptions& options, const Walk& w,
                                     std::size_t writers, IndexSummary& summary) {
    fs::create_directories(writers_dir(options.db_path));
    std::vector<IndexSummary> parts(writers);
    SharedGrouping grouping;
    SharedProgress progress(options, w.found.size());
    parallel_for(writers, writers, [&](std::size_t k) {
        try {
            write_part(options, w, k, writers, grouping, progress, parts[k]);
        } catch (...) {
            grouping.fail(std::current_exception());
        }
    });
    if (grouping.failure()) std::rethrow_exception(grouping.failure());
    std::vector<std::string> paths;
    for (std::size_t k = 0; k < writers; ++k) {
        add_up(summary, parts[k]);
        paths.push_back(part_path(options.db_path, k));
    }
    return paths;
}

// A build from scratch with several writers, each on its own thread (Xapian's writer is the
// wall: one per core uses them all). The parts are linked as shards are (shard_links.hh),
// then merged in order by Xapian's compactor into `fresh`: what one writer would have written,
// compacted. A crash loses the whole build, never the database.
void build_in_parallel(const IndexOptions& options, const Walk& w, std::size_t writers,
                       const std::string& fresh, IndexSummary& summary) {
    std::error_code ec;
    fs::remove_all(fresh, ec);
    LinkOptions link;
    link.shards = write_parts(options, w, writers, summary);
    link_shards(link);
    summary.bytes_before = bytes_under(writers_dir(options.db_path));
    Xapian::Database all;  // opened linked
    for (const auto& part : link.shards)
        all.add_database(Xapian::Database(part));
    all.compact(fresh);
    all.close();
    Xapian::WritableDatabase merged(fresh, Xapian::DB_OPEN);
    finish(merged, w);
    merged.close();
    summary.bytes_after = bytes_under(fresh);
    summary.compacted = options.compact;
    fs::remove_all(writers_dir(options.db_path), ec);
}

std::size_t writers_for(const IndexOptions& options, std::size_t files, bool from_scratch) {
    if (!from_scratch) return 1;
    if (options.writers) return std::min(options.writers, std::max<std::size_t>(files, 1));
    return std::clamp<std::size_t>(files / min_files_per_writer, 1, options.jobs);
}

}  // namespace

IndexSummary update_index(const IndexOptions& options) {
    auto started = std::chrono::steady_clock::now();
    IndexSummary summary;
    Xapian::WritableDatabase db = open_writable(options, false);
    std::error_code ec;
    fs::remove_all(writers_dir(options.db_path), ec);  // left by a run that was killed
    std::vector<Root> remembered = load_roots(db);
    // A database written under another schema is rebuilt from scratch: its terms and its
    // vocabulary may both be stale.
    bool stale =
        db.get_doccount() > 0 && db.get_metadata(std::string(schema_key)) != schema_version;
    bool rebuilt = (options.full || stale) && db.get_doccount() > 0;
    Walk w = walk(options, remembered, summary);
    std::size_t writers = writers_for(options, w.found.size(), rebuilt || db.get_doccount() == 0);
    if (writers > 1) {
        std::string fresh = options.db_path + ".rebuilding";
        build_in_parallel(options, w, writers, fresh, summary);
        replace_database(db, options.db_path, fresh);
    } else if (rebuilt) {
        rebuild(db, options, w, summary);
    } else {
        index_into(db, options, w, summary);
    }
    if (options.compact && writers == 1) {
        if (rebuilt) db = open_writable(options, false);  // the rebuilt one, now in place
        compact(db, options, summary);
    }
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace minutes
