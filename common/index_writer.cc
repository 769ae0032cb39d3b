#include "index_writer.hh"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <variant>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "document.hh"
#include "encoding.hh"
#include "file_walker.hh"
#include "meeting_id.hh"
#include "meeting_parser.hh"
#include "schema.hh"
#include "vocabulary.hh"

namespace minutes {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t commit_every = 2000;

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
};

std::map<std::string, IndexedFile> indexed_files(const Xapian::Database& db) {
    std::map<std::string, IndexedFile> files;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
        files[doc.get_value(slot(Slot::file))] = {*it, doc.get_value(slot(Slot::file_state))};
    }
    return files;
}

std::variant<StoredDocument, std::string> read_document(const FoundFile& file,
                                                        std::uintmax_t max_bytes) {
    std::error_code ec;
    auto size = fs::file_size(file.path, ec);
    if (ec) return "cannot read: " + ec.message();
    if (size > max_bytes)
        return "larger than the limit of " + std::to_string(max_bytes >> 20) + " MB";
    std::ifstream in(file.path, std::ios::binary);
    if (!in) return std::string("cannot open: ") + std::strerror(errno);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (in.bad()) return std::string("read error: ") + std::strerror(errno);
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    auto decoded = decode_document(bytes);
    if (auto* not_text = std::get_if<NotText>(&decoded)) return "not text: " + not_text->reason;
    auto& text = std::get<DecodedText>(decoded);
    StoredDocument doc{file.name, text.encoding, extract_meeting(text.text), std::move(text.text)};
    doc.meeting.id = meeting_id(doc.text);
    if (doc.meeting.date) doc.meeting.date_source = "text";
    return doc;
}

Xapian::WritableDatabase open_writable(const std::string& path, bool full) {
    std::error_code ec;
    fs::create_directories(
        fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path(), ec);
    try {
        return Xapian::WritableDatabase(
            path, full ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError("database is being updated by another minutes-index: " + path);
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot open database " + path + " for writing: " + e.get_msg());
    }
}

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

IndexSummary update_index(const IndexOptions& options) {
    auto started = std::chrono::steady_clock::now();
    IndexSummary summary;
    Xapian::WritableDatabase db = open_writable(options.db_path, false);
    std::vector<Root> remembered = load_roots(db);
    // A database written under another schema is rebuilt from scratch: its terms and its
    // vocabulary may both be stale.
    bool stale =
        db.get_doccount() > 0 && db.get_metadata(std::string(schema_key)) != schema_version;
    if (options.full || stale) {
        db.close();
        db = open_writable(options.db_path, true);
    }
    std::vector<Root> roots =
        options.roots.empty() ? remembered : roots_from_arguments(options.roots);
    if (roots.empty())
        throw IndexError("no paths given, and none remembered in " + options.db_path);

    std::vector<Root> walked;
    std::vector<FoundFile> found =
        find_files(roots, options.follow_symlinks, summary.skipped, walked);

    auto existing = indexed_files(db);

    VocabularyWriter vocabulary(default_analyzer());
    std::set<std::string> seen;
    IndexProgress progress{found.size(), 0, {}};
    std::size_t since_commit = 0;
    for (const auto& file : found) {
        seen.insert(file.name);
        progress.current = file.name;
        if (options.on_progress) options.on_progress(progress);
        ++progress.files_done;
        std::string state = file_state(file.path);
        auto old = existing.find(file.name);
        if (old != existing.end() && old->second.state == state && !state.empty()) {
            ++summary.unchanged;
            continue;
        }
        auto read = read_document(file, options.max_file_bytes);
        if (auto* reason = std::get_if<std::string>(&read)) {
            summary.skipped.push_back({file.name, *reason});
            continue;
        }
        auto& doc = std::get<StoredDocument>(read);
        Xapian::Document xdoc = make_document(doc, state);
        vocabulary.add_words_of(db, xdoc);
        db.replace_document(unique_term(doc.file), xdoc);
        ++(old == existing.end() ? summary.indexed : summary.updated);
        if (++since_commit >= commit_every) {
            db.commit();
            since_commit = 0;
        }
    }

    for (const auto& [name, file] : existing) {
        if (seen.count(name)) continue;
        bool under_walked_root = std::any_of(
            walked.begin(), walked.end(), [&](const Root& r) { return lies_under(name, r.given); });
        if (!under_walked_root) continue;
        db.delete_document(file.id);
        ++summary.removed;
    }

    save_roots(db, options.roots.empty() ? remembered : merge_roots(remembered, roots));
    db.set_metadata(std::string(schema_key), std::string(schema_version));
    db.commit();
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace minutes
