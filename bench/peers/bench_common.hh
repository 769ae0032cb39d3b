// Shared by bench/peers/*_search.cc: the query file and the JSON Lines timing output.
#pragma once

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace bench {

// One query a line; an empty line is a query this engine does not run (kept for numbering).
inline std::vector<std::string> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        std::cerr << "cannot read " << path << "\n";
        std::exit(2);
    }
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

inline std::string json_escape(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

using Clock = std::chrono::steady_clock;

inline double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// {"i": 3, "pass": 0, "ms": 1.234, "hits": 10, "total": 812, "snippet_bytes": 2200}
inline void print_timing(std::size_t i, int pass, double ms, std::size_t hits,
                         unsigned long long total, std::size_t snippet_bytes) {
    std::printf(
        "{\"i\": %zu, \"pass\": %d, \"ms\": %.4f, \"hits\": %zu, \"total\": %llu, "
        "\"snippet_bytes\": %zu}\n",
        i, pass, ms, hits, total, snippet_bytes);
}

inline void print_error(std::size_t i, int pass, const std::string& message) {
    std::printf("{\"i\": %zu, \"pass\": %d, \"error\": \"%s\"}\n", i, pass,
                json_escape(message).c_str());
}

}  // namespace bench
