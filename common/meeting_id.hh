// The meeting id: what ties the copies of one meeting together.
#pragma once

#include <string>
#include <string_view>

namespace minutes {

// "m-" + 12 hex digits derived from the words of the text (case-folded), so that the same
// text re-saved with other line ends, encoding or spacing keeps its id.
std::string meeting_id(std::string_view text);

}  // namespace minutes
