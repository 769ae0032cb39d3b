// How damaged a text is by OCR: the share of its ordinary words that the Swedish lexicon does
// not know ("Aterkoppling", "liroplan", "uppf6ljning"). Of the copies of one meeting, the
// least damaged one gives search results their title and snippet.
#pragma once

#include <string_view>

namespace minutes {

// 0 (every word known) to 1; 0 when there is no lexicon or no word to judge. Looks at the
// first few hundred lower-case words of 4 or more letters (names are not judged).
double ocr_damage(std::string_view text);

}  // namespace minutes
