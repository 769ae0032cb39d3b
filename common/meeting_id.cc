#include "meeting_id.hh"

#include <cstdint>
#include <cstdio>

#include "text.hh"

namespace minutes {

void MeetingIdHash::add(const Token& token) {
    for (unsigned char c : token.term)
        hash_ = (hash_ ^ c) * 1099511628211ull;
    hash_ = (hash_ ^ ' ') * 1099511628211ull;
}

std::string MeetingIdHash::id() const {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%012llx",
                  static_cast<unsigned long long>(hash_ & 0xffffffffffffull));
    return std::string("m-") + hex;
}

std::string meeting_id(std::string_view text) {
    MeetingIdHash hash;
    tokenize(text, [&](const Token& token) { hash.add(token); });
    return hash.id();
}

}  // namespace minutes
