// The meeting id: what ties the copies of one meeting together.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "text.hh"

namespace minutes {

// "m-" + 12 hex digits derived from the words of the text (case-folded), so that the same
// text re-saved with other line ends, encoding or spacing keeps its id.
std::string meeting_id(std::string_view text);

// The same, fed the words of the text in order (to share a tokenizing pass).
class MeetingIdHash {
  public:
    void add(const Token& word);
    std::string id() const;

  private:
    std::uint64_t hash_ = 1469598103934665603ull;  // FNV-1a over the folded words
};

}  // namespace minutes
