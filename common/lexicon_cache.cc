// Getting the lexicon image for a dictionary: map the cache file made by an earlier process, or
// compile the dictionary and leave the result in the cache for the next one.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <stdexcept>

#include "lexicon_image.hh"

namespace minutes::lexicon_detail {
namespace {

namespace fs = std::filesystem;

std::string affix_path_of(const std::string& dic_path) {
    const std::string base =
        dic_path.ends_with(".dic") ? dic_path.substr(0, dic_path.size() - 4) : dic_path;
    return base + ".aff";
}

// "<absolute path> <size> <mtime ns>": a new dictionary version gets a new cache file.
std::string file_identity(const std::string& path, const char* what) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || ::access(path.c_str(), R_OK) != 0)
        throw std::runtime_error("cannot read hunspell " + std::string(what) + " " + path);
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    return (ec ? path : absolute.lexically_normal().string()) + ' ' + std::to_string(st.st_size) +
           ' ' + std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec);
}

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text)
        h = (h ^ c) * 0x100000001b3ULL;
    return h;
}

std::optional<fs::path> cache_directory() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && xdg[0] == '/')
        return fs::path(xdg) / "minutes";
    if (const char* home = std::getenv("HOME"); home && home[0] == '/')
        return fs::path(home) / ".cache" / "minutes";
    return std::nullopt;
}

std::optional<fs::path> cache_file(const std::string& dic_path, const std::string& key) {
    const auto dir = cache_directory();
    if (!dir) return std::nullopt;
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
    return *dir / (fs::path(dic_path).stem().string() + '-' + hash + ".lex");
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Writes beside the target and renames, so readers see no file or a complete one. Failure only
// costs the next process a compilation, so it is not reported.
void store(const fs::path& path, std::string_view bytes) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    const std::string temp = path.string() + ".tmp." + std::to_string(::getpid()) + '.' +
                             std::to_string(std::random_device{}());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return;
    const bool written = write_all(fd, bytes);
    if (::close(fd) != 0 || !written || std::rename(temp.c_str(), path.c_str()) != 0)
        ::unlink(temp.c_str());
}

}  // namespace

LoadedImage::~LoadedImage() {
    if (map_) ::munmap(map_, map_size_);
}

bool LoadedImage::map(const std::string& path, const std::string& key) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    void* p = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && st.st_size > 0)
        p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) return false;
    map_ = p;
    map_size_ = static_cast<std::size_t>(st.st_size);
    view_ = ImageView::open({static_cast<const char*>(p), map_size_}, key);
    return view_.valid();
}

std::unique_ptr<LoadedImage> LoadedImage::load(const std::string& dic_path) {
    const std::string aff_path = affix_path_of(dic_path);
    const std::string dic_identity = file_identity(dic_path, "dictionary");
    const std::string aff_identity = file_identity(aff_path, "affix file");
    const std::string key = "minutes lexicon " + std::to_string(kImageVersion) + '\n' +
                            dic_identity + '\n' + aff_identity + '\n';
    const auto cached = cache_file(dic_path, key);
    if (cached) {
        auto image = std::unique_ptr<LoadedImage>(new LoadedImage);
        if (image->map(cached->string(), key)) return image;
    }
    auto image = std::unique_ptr<LoadedImage>(new LoadedImage);
    image->owned_ = compile_image(dic_path, aff_path, key);
    image->view_ = ImageView::open(image->owned_, key);
    if (!image->view_.valid())
        throw std::runtime_error("lexicon: compiling " + dic_path + " gave an invalid image");
    if (cached) store(*cached, image->owned_);
    return image;
}

}  // namespace minutes::lexicon_detail
