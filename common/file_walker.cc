#include "file_walker.hh"

#include <sys/stat.h>

#include <algorithm>
#include <set>
#include <utility>

namespace minutes {
namespace fs = std::filesystem;

std::string normal(const std::string& path) {
    std::string p = fs::path(path).lexically_normal().string();
    while (p.size() > 1 && p.back() == '/')
        p.pop_back();
    return p;
}

bool lies_under(const std::string& file, const std::string& root) {
    return file == root || (file.size() > root.size() && file.compare(0, root.size(), root) == 0 &&
                            (root.back() == '/' || file[root.size()] == '/'));
}

namespace {

class Walker {
  public:
    Walker(bool follow_symlinks, std::vector<SkippedFile>& skipped)
        : follow_(follow_symlinks), skipped_(skipped) {}

    void walk(const Root& root, std::vector<FoundFile>& out) {
        fs::path top(root.absolute);
        std::error_code ec;
        auto status = fs::status(top, ec);
        if (ec || !fs::exists(status)) {
            skipped_.push_back({root.given, "no such file or folder"});
            return;
        }
        top_ = fs::weakly_canonical(top, ec);
        visited_.clear();
        if (fs::is_directory(status))
            walk_folder(top, root.given, out);
        else
            visit_entry(top, root.given, out);
    }

  private:
    void walk_folder(const fs::path& dir, const std::string& name, std::vector<FoundFile>& out) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) == 0 && !visited_.insert({st.st_dev, st.st_ino}).second) {
            skipped_.push_back({name, "symbolic link loop"});
            return;
        }
        std::error_code ec;
        std::vector<fs::path> entries;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            entries.push_back(it->path());
        if (ec) {
            skipped_.push_back({name, "cannot read folder: " + ec.message()});
            return;
        }
        std::sort(entries.begin(), entries.end());
        for (const auto& entry : entries) {
            std::string base = entry.filename().string();
            if (base.empty() || base[0] == '.') continue;  // hidden files and folders
            visit_entry(entry, name + "/" + base, out);
        }
    }

    void visit_entry(const fs::path& path, const std::string& name, std::vector<FoundFile>& out) {
        std::error_code ec;
        auto link = fs::symlink_status(path, ec);
        if (fs::is_symlink(link) && !accept_symlink(path, name)) return;
        auto status = fs::status(path, ec);
        if (ec) {
            skipped_.push_back({name, "cannot read: " + ec.message()});
        } else if (fs::is_directory(status)) {
            walk_folder(path, name, out);
        } else if (fs::is_regular_file(status)) {
            out.push_back({normal(name), path});
        } else {
            skipped_.push_back({name, "not a regular file"});
        }
    }

    // Symlinks are followed only with --follow-symlinks; a link to something inside the
    // indexed folder is left alone silently, since its target is indexed under its own name.
    bool accept_symlink(const fs::path& path, const std::string& name) {
        std::error_code ec;
        fs::path target = fs::canonical(path, ec);
        if (ec) {
            skipped_.push_back({name, "broken symbolic link"});
            return false;
        }
        if (follow_) return true;
        if (lies_under(target.string(), top_.string())) return false;
        skipped_.push_back(
            {name, "symbolic link out of the indexed folder (see --follow-symlinks)"});
        return false;
    }

    bool follow_;
    std::vector<SkippedFile>& skipped_;
    fs::path top_;
    std::set<std::pair<dev_t, ino_t>> visited_;
};

}  // namespace

std::vector<FoundFile> find_files(const std::vector<Root>& roots, bool follow_symlinks,
                                  std::vector<SkippedFile>& skipped, std::vector<Root>& walked) {
    std::vector<FoundFile> found;
    Walker walker(follow_symlinks, skipped);
    for (const auto& root : roots) {
        std::size_t skipped_before = skipped.size();
        walker.walk(root, found);
        bool root_missing = skipped.size() > skipped_before &&
                            skipped[skipped_before].file == root.given &&
                            skipped[skipped_before].reason == "no such file or folder";
        if (!root_missing) walked.push_back(root);
    }
    return found;
}

}  // namespace minutes
