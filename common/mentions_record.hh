// The stored record as mentions reads it: the file, the meeting's id and date, and the text.
// decode_record builds a JSON tree of the whole record and every field of the meeting, which
// costs more than finding the mentions in the text; this reads the CBOR in place.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "meeting.hh"

namespace minutes {

class MentionRecord {
  public:
    // What decode_record(data) gives, throwing as it does. A record that is not written
    // plainly (one map of unique text keys, definite lengths, no tags, every field of the
    // type encode_record writes) is read by decode_record itself.
    explicit MentionRecord(std::string data);

    const std::string& file() const { return file_; }
    const std::string& meeting() const { return meeting_; }
    const std::optional<MeetingDate>& date() const { return date_; }
    std::string_view text() const;

  private:
    std::string data_;
    std::string file_, meeting_;
    std::optional<MeetingDate> date_;
    std::string decoded_text_;                 // when decode_record read the record
    std::size_t text_at_ = 0, text_size_ = 0;  // else the text in data_
    bool decoded_ = false;
};

}  // namespace minutes
