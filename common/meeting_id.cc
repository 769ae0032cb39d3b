#include "meeting_id.hh"

#include <cstdint>
#include <cstdio>

#include "text.hh"

namespace minutes {

std::string meeting_id(std::string_view text) {
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a over the folded words
    tokenize(text, [&](const Token& token) {
        for (unsigned char c : token.term)
            hash = (hash ^ c) * 1099511628211ull;
        hash = (hash ^ ' ') * 1099511628211ull;
    });
    char hex[16];
    std::snprintf(hex, sizeof hex, "%012llx",
                  static_cast<unsigned long long>(hash & 0xffffffffffffull));
    return std::string("m-") + hex;
}

}  // namespace minutes
