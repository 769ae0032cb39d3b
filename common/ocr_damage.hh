// How damaged a text is by OCR: the share of its ordinary words that the Swedish lexicon does
// not know ("Aterkoppling", "liroplan", "uppf6ljning"). Of the copies of one meeting, the
// least damaged one gives search results their title and snippet.
#pragma once

#include <cstddef>
#include <string_view>

#include "text.hh"

namespace minutes {

// 0 (every word known) to 1; 0 when there is no lexicon or no word to judge. Looks at the
// first few hundred lower-case words of 4 or more letters (names are not judged).
double ocr_damage(std::string_view text);

// The same, fed the words of the text in order (to share a tokenizing pass).
class OcrDamage {
  public:
    void add(const Token& word);
    bool enough() const;  // judged all the words it looks at: the rest changes nothing
    double value() const;

  private:
    std::size_t seen_ = 0, unknown_ = 0;
};

}  // namespace minutes
