// A directory of its own under the system's temp directory, removed at the end of a test.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <system_error>

struct TempDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("minutes-unit-test-" + std::to_string(::getpid()) + '-' +
                                  std::to_string(std::random_device{}()));
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};
