// Attendance: labelled lists of people ("Deltagare LG:", "Styrgruppen 14-16.00:", "Närvarande:",
// "Beslutande", "Frånvarande:"), lines on partial attendance ("X deltog via Teams") and the
// secretary ("(sekr)", "Sekreterare: X", "Vid anteckningarna/X").
//
// A list runs from its label over the lines that continue it: until a blank line, a new label,
// a heading, or a line that does not look like names. Names split over a line break
// ("Maria Boman" / "Hansson,") are joined again.
//
// Justerare and Ordförande are people who must have been at the meeting, but formal protocols
// usually list them among Beslutande too; so they form their own group ("Justerare",
// "Ordförande") only when they are not listed anywhere else (present or absent). A secretary
// named only by "Sekreterare:" or a "Vid anteckningarna/" footer is not counted as present.
#include <algorithm>
#include <array>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "meeting_lines.hh"

namespace minutes::meeting_detail {

namespace {

enum class ListKind { present, absent, secretary, checker, chair };

struct Label {
    ListKind kind = ListKind::present;
    std::string group;  // "Ledningsgruppen", "Styrgruppen", "Närvarande", ...
    std::optional<TimeSpan> time;
    std::string_view content;  // what follows the label on its line
    bool colon = false;
};

enum class WordRole { kind, negation, lg, sg, connector };

struct LabelWord {
    std::string_view folded;
    std::string_view canonical;  // lower case; the group's name is made of these
    WordRole role;
    ListKind kind;
};

constexpr std::array<LabelWord, 34> label_words = {{
    {"deltagare", "deltagare", WordRole::kind, ListKind::present},
    {"narvarande", "närvarande", WordRole::kind, ListKind::present},
    {"beslutande", "beslutande", WordRole::kind, ListKind::present},
    {"ersattare", "ersättare", WordRole::kind, ListKind::present},
    {"tjanstgorande", "tjänstgörande", WordRole::kind, ListKind::present},
    {"ovriga", "övriga", WordRole::kind, ListKind::present},
    {"tjansteman", "tjänstemän", WordRole::kind, ListKind::present},
    {"ledamoter", "ledamöter", WordRole::kind, ListKind::present},
    {"adjungerade", "adjungerade", WordRole::kind, ListKind::present},
    {"styrgruppen", "styrgruppen", WordRole::kind, ListKind::present},
    {"styrgrupp", "styrgruppen", WordRole::kind, ListKind::present},
    {"ledningsgruppen", "ledningsgruppen", WordRole::kind, ListKind::present},
    {"ledningsgrupp", "ledningsgruppen", WordRole::kind, ListKind::present},
    {"franvarande", "frånvarande", WordRole::kind, ListKind::absent},
    {"franvaro", "frånvaro", WordRole::kind, ListKind::absent},
    {"forhinder", "förhinder", WordRole::kind, ListKind::absent},
    {"sekreterare", "sekreterare", WordRole::kind, ListKind::secretary},
    {"sekr", "sekreterare", WordRole::kind, ListKind::secretary},
    {"protokollforare", "protokollförare", WordRole::kind, ListKind::secretary},
    {"motessekreterare", "mötessekreterare", WordRole::kind, ListKind::secretary},
    {"antecknare", "antecknare", WordRole::kind, ListKind::secretary},
    {"justerare", "justerare", WordRole::kind, ListKind::checker},
    {"justerande", "justerare", WordRole::kind, ListKind::checker},
    {"ordforande", "ordförande", WordRole::kind, ListKind::chair},
    {"ej", "", WordRole::negation, ListKind::absent},
    {"inte", "", WordRole::negation, ListKind::absent},
    {"anmalt", "", WordRole::negation, ListKind::absent},
    {"lg", "", WordRole::lg, ListKind::present},
    {"sg", "", WordRole::sg, ListKind::present},
    {"i", "", WordRole::connector, ListKind::present},
    {"fran", "", WordRole::connector, ListKind::present},
    {"forvaltningen", "", WordRole::connector, ListKind::present},
    {"kl", "", WordRole::connector, ListKind::present},
    {"och", "", WordRole::connector, ListKind::present},
}};

const LabelWord* find_label_word(std::string_view folded) {
    for (const auto& w : label_words)
        if (w.role == WordRole::kind ? keyword_equal(folded, w.folded) : folded == w.folded) {
            return &w;
        }
    return nullptr;
}

std::string capitalise(std::string_view word) {
    if (word.empty()) return {};
    int32_t pos = 0;
    UChar32 c = 0;
    U8_NEXT(word.data(), pos, static_cast<int32_t>(word.size()), c);
    if (c < 0) return std::string(word);
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, u_toupper(c), error);
    std::string out(buf, static_cast<std::size_t>(error ? 0 : len));
    out.append(word.substr(static_cast<std::size_t>(pos)));
    return out;
}

std::optional<Label> parse_label(const Line& line) {
    std::string_view text = line.text;
    Label label;
    std::string_view head;
    std::size_t colon = text.find(':');
    if (colon != std::string_view::npos && colon <= 60) {
        head = text.substr(0, colon);
        label.content = trim(text.substr(colon + 1));
        label.colon = true;
    } else {
        if (line.bullet) return std::nullopt;
        // A protocol layout: the label, then a wide gap or a tab and the names, or the label
        // alone with the names on the following lines. Signature lines: "Sekreterare ......".
        std::size_t gap = std::min(text.find("  "), text.find('\t'));
        head = text.substr(0, gap);
        if (gap != std::string_view::npos) label.content = trim(text.substr(gap));
        std::size_t dots = head.find_first_of("._");
        if (dots != std::string_view::npos && dots > 0) head = trim(head.substr(0, dots));
        if (label.content.find_first_not_of("._ ") == std::string_view::npos) {
            label.content = {};
        }
    }
    auto tokens = words(head);
    if (tokens.empty() || tokens.size() > 5 || !starts_upper(head)) return std::nullopt;
    bool has_kind = false;
    bool negated = false;
    bool lg = false;
    bool sg = false;
    std::string name;
    for (auto token : tokens) {
        if (token.find_first_of("0123456789") != std::string_view::npos) continue;  // a time
        std::string folded = fold(token);
        std::string_view word = trim_trailing_punct(folded);
        while (!word.empty() && word.front() == '(')
            word.remove_prefix(1);
        while (!word.empty() && word.back() == ')')
            word.remove_suffix(1);
        if (word.empty()) continue;
        const LabelWord* lw = find_label_word(word);
        if (!lw) return std::nullopt;
        switch (lw->role) {
            case WordRole::kind:
                if (!has_kind || lw->kind == ListKind::absent) label.kind = lw->kind;
                has_kind = true;
                if (!name.empty()) name += ' ';
                name += name.empty() ? capitalise(lw->canonical) : std::string(lw->canonical);
                break;
            case WordRole::negation:
                negated = true;
                break;
            case WordRole::lg:
                lg = true;
                break;
            case WordRole::sg:
                sg = true;
                break;
            case WordRole::connector:
                break;
        }
    }
    if (!has_kind) return std::nullopt;
    if (negated && label.kind == ListKind::present) label.kind = ListKind::absent;
    label.group = lg ? "Ledningsgruppen" : sg ? "Styrgruppen" : name;
    label.time = find_time_span(head);
    return label;
}

bool ends_with_separator(std::string_view s) {
    s = trim(s);
    if (s.empty()) return false;
    if (s.back() == ',' || s.back() == ';' || s.back() == '&') return true;
    std::string folded = fold(s.substr(s.size() >= 5 ? s.size() - 5 : 0));
    return folded.ends_with(" och") || folded.ends_with(" samt") || folded == "och";
}

// "Cecilia Wickenberg Rosengren deltog via Teams", "Charlotte Erngren deltog 13-15.00".
std::optional<Person> partial_line(const Line& line) {
    if (line.text.size() > 160 || line.text.find(',') != std::string_view::npos) {
        return std::nullopt;
    }
    Person p = parse_person(line.text);
    if (p.words < 2 || p.note.empty()) return std::nullopt;
    return p;
}

// The line continues a list of people: it is made of names (with their roles and parties).
// `hanging`: the list so far ends in a lone word that this line may complete ("Tomas" /
// "Axelson"). `joins`: the list so far ends without a separator, so a lone word opening this
// line ends the last name ("Maria Boman" / "Hansson,").
bool continues_list(std::string_view text, bool hanging, bool joins) {
    auto items = split_people(text);
    if (items.empty()) return false;
    bool any_name = false;
    for (std::size_t k = 0; k < items.size(); ++k) {
        Person p = parse_person(items[k]);
        if (p.words == 0) {
            // A role after a name ("ordförande"), nothing else.
            if (k == 0 || words(items[k]).size() > 3) return false;
            continue;
        }
        // A name with a short role or note ("(L) ersätter Erik Ek (M)"), not a sentence.
        if (words(items[k]).size() > p.words + 5) return false;
        // A lone word is half a name split by the line break: the end of the previous line's
        // last name (first item) or the start of the next line's (last item).
        bool first = k == 0 && (items.size() > 1 || hanging || joins);
        bool last = k + 1 == items.size() && items.size() > 1 && !ends_with_separator(text);
        if (p.words == 1 && !first && !last) return false;
        any_name = true;
    }
    return any_name;
}

bool last_item_is_single_word(std::string_view text) {
    auto items = split_people(text);
    return !items.empty() && !ends_with_separator(text) && parse_person(items.back()).words == 1;
}

struct Collector {
    Attendance result;
    std::optional<std::string> footer_secretary;
    std::vector<std::pair<ListKind, std::string>> signatories;  // justerare, ordförande

    AttendeeGroup& group(const std::string& name) {
        for (auto& g : result.groups)
            if (g.name == name) return g;
        result.groups.push_back(AttendeeGroup{name, {}, std::nullopt});
        return result.groups.back();
    }

    void set_secretary(const std::string& name) {
        if (!result.secretary) result.secretary = name;
    }

    void add_list(const Label& label, std::string_view list) {
        std::optional<std::string> last_name;
        std::vector<std::string> names;
        for (const auto& item : split_people(list)) {
            Person p = parse_person(item);
            if (p.words == 0) {
                // ", sekreterare" after a name; not a name that failed to parse.
                if (p.secretary && last_name && words(item).size() <= 2) set_secretary(*last_name);
                continue;
            }
            last_name = p.name;
            if (p.secretary) set_secretary(p.name);
            switch (label.kind) {
                case ListKind::present:
                    names.push_back(p.name);
                    if (!p.note.empty()) result.partial.push_back({p.name, p.note});
                    break;
                case ListKind::absent:
                    result.absent.push_back(p.name);
                    break;
                case ListKind::secretary:
                    set_secretary(p.name);
                    break;
                case ListKind::checker:
                case ListKind::chair:
                    signatories.emplace_back(label.kind, p.name);
                    break;
            }
        }
        if (label.kind != ListKind::present || names.empty()) return;
        AttendeeGroup& g = group(label.group);
        if (!g.time) g.time = label.time;
        for (auto& n : names)
            if (std::find(g.members.begin(), g.members.end(), n) == g.members.end()) {
                g.members.push_back(std::move(n));
            }
    }

    bool listed(const std::string& name) const {
        std::string folded = fold(name);
        for (const auto& g : result.groups)
            for (const auto& m : g.members)
                if (fold(m) == folded) return true;
        for (const auto& a : result.absent)
            if (fold(a) == folded) return true;
        return false;
    }

    Attendance finish() {
        for (const auto& [kind, name] : signatories) {
            if (listed(name)) continue;
            group(kind == ListKind::checker ? "Justerare" : "Ordförande").members.push_back(name);
        }
        if (!result.secretary && footer_secretary) result.secretary = footer_secretary;
        return std::move(result);
    }
};

// "Vid anteckningarna/Marie Krantz", "Vid anteckningarna: Marie Krantz", or the name on the
// next line.
std::optional<std::string> footer_name(const Document& doc, std::size_t i) {
    std::string_view text = doc.lines[i].text;
    std::size_t slash = text.find_first_of("/:");
    std::string_view after;
    if (slash != std::string_view::npos) {
        after = trim(text.substr(slash + 1));
    } else {
        auto w = words(text);
        if (w.size() > 2) after = trim(text.substr(w[2].data() - text.data()));
    }
    if (after.empty()) {
        for (std::size_t j = i + 1; j < doc.lines.size() && j <= i + 2; ++j) {
            if (!doc.lines[j].blank()) {
                after = doc.lines[j].text;
                break;
            }
        }
    }
    Person p = parse_person(after);
    if (p.words < 2) return std::nullopt;
    return p.name;
}

}  // namespace

Attendance find_attendance(const Document& doc) {
    Collector collector;
    const auto& lines = doc.lines;
    std::size_t list_end = 0;  // the line after the last list, for partial-attendance lines
    bool any_list = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (line.footer) {
            if (!collector.footer_secretary) collector.footer_secretary = footer_name(doc, i);
            continue;
        }
        if (line.blank() || line.page_header) continue;
        if (auto label = parse_label(line)) {
            std::string list(label->content);
            std::size_t last = i;
            for (std::size_t j = i + 1; j < lines.size(); ++j) {
                const Line& next = lines[j];
                if (next.noise()) continue;
                if (next.blank() || parse_label(next) || partial_line(next) ||
                    is_section_keyword(next.text) || numbered_item(next.text)) {
                    break;
                }
                bool separated = ends_with_separator(list);
                if (!list.empty() && next.text.starts_with('(')) {
                    // "(sekr)" wrapped onto a line of its own: it belongs to the last name.
                    list += ' ';
                    list.append(next.text);
                    last = j;
                    continue;
                }
                bool hanging = !list.empty() && last_item_is_single_word(lines[last].text);
                if (!separated && !continues_list(next.text, hanging, !list.empty())) break;
                auto first_item = split_people(next.text);
                bool joins_name =
                    !separated && (hanging || (!first_item.empty() &&
                                               parse_person(first_item.front()).words == 1));
                if (!list.empty()) list += (separated || joins_name) ? " " : ", ";
                list.append(next.text);
                last = j;
            }
            if (!label->colon && list.empty()) continue;
            collector.add_list(*label, list);
            list_end = last + 1;
            any_list = true;
            i = last;
            continue;
        }
        // Partial attendance is noted with the lists, in the header.
        bool near_list = any_list && i >= list_end && i < list_end + 4;
        if (i < doc.body_start || near_list) {
            if (auto p = partial_line(line)) {
                auto note_words = words(p->note);
                std::string second = note_words.size() > 1 ? fold(note_words[1]) : "";
                if ((second == "ej" || second == "inte") && note_words.size() <= 4) {
                    collector.result.absent.push_back(p->name);
                } else {
                    collector.result.partial.push_back({p->name, p->note});
                }
                if (p->secretary) collector.set_secretary(p->name);
                list_end = i + 1;
            }
        }
    }
    return collector.finish();
}

}  // namespace minutes::meeting_detail
