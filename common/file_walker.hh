// Finding the files to index: a walk of the roots the user gave, recursive, in name order,
// hidden files and folders left out, symbolic links out of the roots not followed unless
// asked, and every file or folder that cannot be used named with the reason.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "index_writer.hh"

namespace minutes {

// A path as the user gave it, and where it is, so that a later run from another working
// directory still finds it while files keep the names the user knows.
struct Root {
    std::string given;
    std::string absolute;
};

struct FoundFile {
    std::string name;            // the path as given: root as given + path below it
    std::filesystem::path path;  // where to read it
};

// A path lexically normal, without a trailing slash ("corpus/" -> "corpus").
std::string normal(const std::string& path);

// True when `file` is `root` or lies below it (paths as strings).
bool lies_under(const std::string& file, const std::string& root);

// Every file under the roots, in order. Problems go to `skipped`; `walked` gets the roots
// that exist (files that vanished under them are gone; under a missing root, they are not).
std::vector<FoundFile> find_files(const std::vector<Root>& roots, bool follow_symlinks,
                                  std::vector<SkippedFile>& skipped, std::vector<Root>& walked);

}  // namespace minutes
