#include "mentions_record.hh"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

#include "document.hh"

namespace minutes {
namespace {

// A walk over CBOR as encode_record writes it (nlohmann::json::to_cbor): definite lengths,
// text keys, no tags, and only the simple values nlohmann reads. What it accepts, nlohmann
// reads alike; anything else stops the walk, and decode_record reads the record.
class CborWalker {
  public:
    explicit CborWalker(std::string_view data) : data_(data) {}
    std::size_t at() const { return at_; }
    bool done() const { return at_ == data_.size(); }
    // The major type of the next item (8 at the end).
    int next_major() const { return done() ? 8 : static_cast<std::uint8_t>(data_[at_]) >> 5; }

    // The head of the next item: its major type and argument (a length, count or value).
    bool head(int& major, std::uint64_t& argument) {
        if (done()) return false;
        auto initial = static_cast<std::uint8_t>(data_[at_++]);
        major = initial >> 5;
        int info = initial & 0x1F;
        if (major == 6) return false;  // a tag: nlohmann refuses it
        if (major == 7) return simple_value(info);
        if (info < 24) {
            argument = static_cast<std::uint64_t>(info);
            return true;
        }
        if (info > 27) return false;  // indefinite length, or not well-formed
        return number(std::size_t{1} << (info - 24), argument);
    }

    // Steps over the next item, whatever it holds.
    bool skip(int depth = 0) {
        int major;
        std::uint64_t argument = 0;
        if (depth > 100 || !head(major, argument)) return false;
        if (major == 2 || major == 3) return advance(argument);
        std::string_view key;
        for (std::uint64_t i = 0; (major == 4 || major == 5) && i < argument; ++i)
            if ((major == 5 && !text(key)) || !skip(depth + 1)) return false;
        return true;
    }

    // The next item, a text string.
    bool text(std::string_view& out) {
        int major;
        std::uint64_t length = 0;
        if (!head(major, length) || major != 3 || !advance(length)) return false;
        out =
            data_.substr(at_ - static_cast<std::size_t>(length), static_cast<std::size_t>(length));
        return true;
    }

  private:
    bool advance(std::uint64_t n) {
        if (n > data_.size() - at_) return false;
        at_ += static_cast<std::size_t>(n);
        return true;
    }
    bool number(std::size_t bytes, std::uint64_t& value) {
        if (bytes > data_.size() - at_) return false;
        value = 0;
        for (std::size_t i = 0; i < bytes; ++i)
            value = (value << 8) | static_cast<std::uint8_t>(data_[at_++]);
        return true;
    }
    // false, true, null, and half, single and double floats.
    bool simple_value(int info) {
        if (info >= 20 && info <= 22) return true;
        if (info < 25 || info > 27) return false;
        return advance(std::size_t{1} << (info - 24));
    }

    std::string_view data_;
    std::size_t at_ = 0;
};

using Field = std::function<bool(std::string_view key, CborWalker&)>;

// The next item, a map of unique text keys, each value read by `field`. A record has a few
// keys to a map; one with many is left to decode_record (checking that the keys are unique
// takes a look at every other key).
bool read_map(CborWalker& w, const Field& field) {
    int major;
    std::uint64_t count = 0;
    if (!w.head(major, count) || major != 5 || count > 64) return false;
    std::vector<std::string_view> keys;
    for (std::uint64_t i = 0; i < count; ++i) {
        std::string_view key;
        if (!w.text(key)) return false;
        for (auto seen : keys)
            if (seen == key) return false;
        keys.push_back(key);
        if (!field(key, w)) return false;
    }
    return true;
}

bool skip_text(CborWalker& w) {
    std::string_view text;
    return w.text(text);
}

// The next item, an array whose elements `element` reads.
bool read_array(CborWalker& w, const std::function<bool(CborWalker&)>& element) {
    int major;
    std::uint64_t count = 0;
    if (!w.head(major, count) || major != 4) return false;
    for (std::uint64_t i = 0; i < count; ++i)
        if (!element(w)) return false;
    return true;
}

// The parts of a meeting as meeting_from_json reads them without throwing, and as
// encode_record writes them. A list of names: an array of strings, or anything but an
// array (no names).
bool skip_names(CborWalker& w) {
    return w.next_major() != 4 ? w.skip() : read_array(w, skip_text);
}

// A time: a map whose start and end are strings, or anything but a map (no time).
bool skip_time(CborWalker& w) {
    if (w.next_major() != 5) return w.skip();
    return read_map(w, [](std::string_view key, CborWalker& w) {
        return key == "start" || key == "end" ? skip_text(w) : w.skip();
    });
}

// A list of groups, partial attendances or responsibilities: an array of maps whose `texts`
// are strings, whose `names` (if any) is a list of names, and whose time (if `timed`) is a
// time.
bool skip_entries(CborWalker& w, std::initializer_list<std::string_view> texts,
                  std::string_view names, bool timed) {
    return read_array(w, [&](CborWalker& w) {
        return read_map(w, [&](std::string_view key, CborWalker& w) {
            if (std::find(texts.begin(), texts.end(), key) != texts.end()) return skip_text(w);
            if (!names.empty() && key == names) return skip_names(w);
            if (timed && key == "time") return skip_time(w);
            return w.skip();
        });
    });
}

// The meeting's id and date, when meeting_from_json reads the meeting without throwing.
bool read_meeting(CborWalker& w, std::string& id, std::optional<MeetingDate>& date) {
    return read_map(w, [&](std::string_view key, CborWalker& w) {
        std::string_view text;
        if (key == "id") {
            if (!w.text(text)) return false;
            id = text;
            return true;
        }
        if (key == "date") {
            if (w.next_major() != 3) return w.skip();
            if (!w.text(text)) return false;
            date = MeetingDate::from_iso(text);
            return true;
        }
        if (key == "date_source" || key == "title") return skip_text(w);
        if (key == "time") return skip_time(w);
        if (key == "absent" || key == "topics" || key == "decisions") return skip_names(w);
        if (key == "groups") return skip_entries(w, {"name"}, "members", true);
        if (key == "partial") return skip_entries(w, {"name", "note"}, "", false);
        if (key == "responsibilities") return skip_entries(w, {"task"}, "people", false);
        return w.skip();
    });
}

}  // namespace

MentionRecord::MentionRecord(std::string data) : data_(std::move(data)) {
    CborWalker w(data_);
    bool plain = read_map(w, [&](std::string_view key, CborWalker& w) {
        std::string_view text;
        if (key == "file" || key == "encoding" || key == "text") {
            if (!w.text(text)) return false;
            if (key == "file") file_ = text;
            if (key == "text") text_at_ = static_cast<std::size_t>(text.data() - data_.data());
            if (key == "text") text_size_ = text.size();
            return true;
        }
        if (key == "meeting") return read_meeting(w, meeting_, date_);
        return w.skip();
    });
    if (plain && w.done()) return;
    StoredDocument doc = decode_record(data_);
    file_ = std::move(doc.file);
    meeting_ = std::move(doc.meeting.id);
    date_ = doc.meeting.date;
    decoded_text_ = std::move(doc.text);
    decoded_ = true;
}

std::string_view MentionRecord::text() const {
    if (decoded_) return decoded_text_;
    return std::string_view(data_).substr(text_at_, text_size_);
}

}  // namespace minutes
