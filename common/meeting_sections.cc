// The body of the minutes: agenda headings (topics), "Ansvar:" lines with their tasks, and the
// items of "Beslut" sections.
//
// Agenda items are told from numbered lists inside an item (004's "Uppdragen:" 1..15, a theme
// day's "Genomförande:" 1..4) by their numbering and shape: the agenda counts on through the
// document, while a nested list follows a line ending in ':' or restarts at 1, and holds
// sentences rather than headings. Topics keep their text as written, without the number and
// without trailing punctuation ("Utbildningsdirektörens VP/ förvaltningens VP." -> "...VP").
#include <array>
#include <cctype>

#include "meeting_lines.hh"

namespace minutes::meeting_detail {

namespace {

std::size_t previous_text_line(const Document& doc, std::size_t i) {
    while (i > 0) {
        --i;
        if (!doc.lines[i].blank() && !doc.lines[i].noise()) return i;
    }
    return doc.lines.size();
}

std::size_t next_text_line(const Document& doc, std::size_t i) {
    for (++i; i < doc.lines.size(); ++i)
        if (!doc.lines[i].blank() && !doc.lines[i].noise()) return i;
    return doc.lines.size();
}

// The byte offset of the first word of text that folds to `folded` ("Där" -> "dar"), or npos.
std::size_t find_word(std::string_view text, std::string_view folded) {
    for (auto w : words(text))
        if (fold(trim_trailing_punct(w)) == folded)
            return static_cast<std::size_t>(w.data() - text.data());
    return std::string_view::npos;
}

bool ends_with_any(std::string_view s, std::string_view chars) {
    return !s.empty() && chars.find(s.back()) != std::string_view::npos;
}

std::string clean_heading(std::string_view text) {
    std::string out;
    text = trim_trailing_punct(text);
    append_wrapped(out, text);
    // OCR reads a leading Ö as 0 or 6 ("0vriga frågor"); no heading starts with a digit
    // followed by a lower-case letter.
    if (out.size() > 1 && (out[0] == '0' || out[0] == '6') && starts_lower(out.substr(1))) {
        out.replace(0, 1, "\u00D6");
    }
    if (l_for_capital_i(out.substr(0, out.find(' ')))) out[0] = 'I';
    return out;
}

// A line that stops mid-sentence: it ends in a comma, a hyphen or a word no heading ends
// with ("att", "och", "för", ...).
bool runs_on(std::string_view text) {
    if (text.ends_with('-') || text.ends_with(',')) return true;
    auto w = words(text);
    if (w.empty()) return false;
    static constexpr std::array<std::string_view, 44> function_words = {
        "att",    "och",   "i",    "for",   "med",    "av",    "till",  "om",   "pa",
        "som",    "kring", "samt", "eller", "en",     "ett",   "den",   "det",  "de",
        "har",    "ar",    "far",  "ska",   "inom",   "under", "efter", "fran", "vid",
        "mellan", "utan",  "hur",  "vilka", "vilket", "dar",   "nar",   "sig",  "sin",
        "sina",   "mot",   "over", "genom", "an",     "infor", "sa",    "alla"};
    if (!starts_lower(w.back())) return false;  // "4. SKA" is a heading, "ska" is not
    std::string last = fold(w.back());
    for (auto f : function_words)
        if (last == f) return true;
    return false;
}

// A short line that names a section, not a sentence running on.
bool heading_shaped(const Document& doc, std::size_t i, std::string_view text) {
    text = trim(text);
    if (text.empty() || text.size() > 100 || starts_lower(text)) return false;
    std::size_t n = words(text).size();
    if (n > 10 || ends_with_any(text, ",;") || runs_on(text)) return false;
    if (text.back() == '.' && n >= 8) return false;
    // A wrapped sentence: the next line carries on in lower case, even after a gap.
    std::size_t next = next_text_line(doc, i);
    if (next < doc.lines.size() && !doc.lines[next].bullet && starts_lower(doc.lines[next].text) &&
        (next == i + 1 || n >= 6)) {
        return false;
    }
    return true;
}

bool is_agenda_intro(std::string_view text) {
    std::string folded = fold(trim_trailing_punct(text));
    return folded == "dagordning" || folded == "agenda" || folded == "arenden" ||
           folded == "arendelista";
}

// "Tema: Vi tar ut riktning - ..." -> the text after "Tema:".
std::optional<std::string_view> theme(const Line& line) {
    std::string folded = fold(line.text.substr(0, 6));
    if (!folded.starts_with("tema:") && !folded.starts_with("tema :")) return std::nullopt;
    std::string_view rest = trim(line.text.substr(line.text.find(':') + 1));
    if (rest.empty()) return std::nullopt;
    return rest;
}

// An unnumbered heading of a theme day: a short line on its own after a gap, not a sentence,
// not a list item, not a label or a dated line of a time plan.
bool theme_heading(const Document& doc, std::size_t i, std::size_t indent) {
    const Line& line = doc.lines[i];
    std::string_view text = line.text;
    // Indented more than the "Tema:" line: a list item whose bullet was lost.
    if (line.bullet || line.noise() || line.indent > indent) return false;
    if (!starts_upper(text) && !l_for_capital_i(text.substr(0, text.find(' ')))) return false;
    std::size_t n = 0;  // words, not counting dashes
    for (auto w : words(text))
        if (w != "-" && w != "\u2013" && w != "\u2014") ++n;
    if (text.size() > 100 || n > 12) return false;
    if (ends_with_any(text, ".,:;!?") || numbered_item(text) || runs_on(text)) return false;
    if (text.find(". ") != std::string_view::npos) return false;  // two sentences
    std::size_t colon = text.find(':');
    if (colon != std::string_view::npos && colon < 30) return false;  // "Scenario: ..."
    std::size_t above = i;
    while (above > 0 && doc.lines[above - 1].noise())
        --above;
    if (above > 0 && !doc.lines[above - 1].blank()) return false;
    // The text above the gap must not run on into this line ("... ta tillvara på" / "").
    std::size_t prev = previous_text_line(doc, i);
    if (prev < doc.lines.size() && runs_on(doc.lines[prev].text)) return false;
    std::size_t next = i + 1;
    std::size_t after_gap = next_text_line(doc, i);
    if (after_gap < doc.lines.size() && starts_lower(doc.lines[after_gap].text)) return false;
    if (next < doc.lines.size() && !doc.lines[next].blank() && !doc.lines[next].noise()) {
        // Text right below must be a paragraph of its own, not the sentence running on.
        std::string_view below = doc.lines[next].text;
        bool digit = std::isdigit(static_cast<unsigned char>(below[0])) != 0;
        if (starts_lower(below) || digit || words(below).size() < 6) return false;
    }
    return true;
}

}  // namespace

std::vector<std::string> find_topics(const Document& doc) {
    std::vector<std::string> topics;
    int agenda_last = 0;
    bool in_sublist = false;
    int sublist_last = 0;
    bool theme_day = false;
    std::size_t theme_indent = 0;
    bool sublist_headings = false;  // the nested list's items so far were headings, not sentences
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
        const Line& line = doc.lines[i];
        if (line.blank() || line.noise()) continue;
        if (auto t = theme(line)) {
            topics.push_back(clean_heading(*t));
            theme_day = true;
            theme_indent = line.indent;
            continue;
        }
        auto item = numbered_item(line.text);
        if (!item) {
            if (theme_day && theme_heading(doc, i, theme_indent))
                topics.push_back(clean_heading(line.text));
            continue;
        }
        if (item->paragraph) {
            // "§ 12 Budget 2024", or "§ 12" with the heading on the next line; "Dnr ..." dropped.
            std::string_view heading = item->rest;
            if (heading.empty()) {
                std::size_t next = next_text_line(doc, i);
                if (next < doc.lines.size() && heading_shaped(doc, next, doc.lines[next].text)) {
                    heading = doc.lines[next].text;
                }
            }
            std::size_t dnr = find_word(heading, "dnr");
            if (dnr != std::string_view::npos && dnr > 0) heading = heading.substr(0, dnr);
            if (!trim_trailing_punct(heading).empty()) topics.push_back(clean_heading(heading));
            continue;
        }
        std::size_t prev = previous_text_line(doc, i);
        bool after_colon = prev < doc.lines.size() && doc.lines[prev].text.ends_with(':') &&
                           !is_agenda_intro(doc.lines[prev].text);
        bool heading = heading_shaped(doc, i, item->rest);
        int n = item->number;
        if (after_colon && !(in_sublist && n == sublist_last + 1) && (n == 1 || n < 0)) {
            in_sublist = true;
            sublist_last = n < 0 ? 1 : n;
            sublist_headings = heading;
            continue;
        }
        // The nested list and the agenda may both expect this number ("Uppdragen:" 1..3 under
        // agenda item 3, then "4. Matematiksatsningen"): a heading after a list of sentences
        // goes back to the agenda.
        bool agenda_resumes = heading && !sublist_headings && n == agenda_last + 1;
        if (in_sublist && !agenda_resumes && (n == sublist_last + 1 || (n < 0 && !heading))) {
            sublist_last = n < 0 ? sublist_last + 1 : n;
            sublist_headings = sublist_headings && heading;
            continue;
        }
        bool next_agenda = n < 0 || n > agenda_last;
        if (next_agenda && heading && !(n == 1 && agenda_last >= 1)) {
            topics.push_back(clean_heading(item->rest));
            agenda_last = n < 0 ? agenda_last + 1 : n;
            in_sublist = false;
            continue;
        }
        if (n == 1) {  // a list restarting inside an agenda item
            in_sublist = true;
            sublist_last = 1;
            sublist_headings = heading;
        }
    }
    return topics;
}

namespace {

bool is_responsibility(std::string_view text, std::string_view& people) {
    std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon > 12) return false;
    std::string head = fold(trim(text.substr(0, colon)));
    if (head != "ansvar" && head != "ansvarig" && head != "ansvariga") return false;
    people = trim(text.substr(colon + 1));
    return true;
}

// The task an "Ansvar:" line belongs to: the numbered item or paragraph above it, as one line.
std::string task_above(const Document& doc, std::size_t ansvar) {
    std::vector<std::size_t> taken;
    std::size_t i = ansvar;
    std::string_view unused;
    while (i > 0 && taken.size() < 20) {
        std::size_t k = previous_text_line(doc, i);
        if (k >= doc.lines.size()) break;
        const Line& line = doc.lines[k];
        if (is_responsibility(line.text, unused)) break;
        if (!taken.empty()) {
            // A gap inside a task only where a sentence runs on across it.
            bool gap = false;
            for (std::size_t g = k + 1; g < taken.back(); ++g)
                if (doc.lines[g].blank()) gap = true;
            const Line& below = doc.lines[taken.back()];
            if (gap && ends_with_any(line.text, ".!?:)") && !starts_lower(below.text)) break;
            if (line.text.ends_with(':')) break;  // "Uppdragen:"
            // The agenda heading over a paragraph is not part of the task.
            auto item = numbered_item(line.text);
            if (item && heading_shaped(doc, k, item->rest) && words(item->rest).size() <= 8) {
                break;
            }
        }
        taken.push_back(k);
        if (line.bullet || numbered_item(line.text)) break;
        if (is_section_keyword(line.text)) {
            taken.pop_back();
            break;
        }
        i = k;
    }
    std::string task;
    for (auto it = taken.rbegin(); it != taken.rend(); ++it) {
        std::string_view text = doc.lines[*it].text;
        if (it == taken.rbegin()) {
            if (auto item = numbered_item(text)) text = item->rest;
        }
        append_wrapped(task, text);
    }
    return task;
}

// "Susanne Fras och Christian Olsson", "Anci Cederquist tillsamman med Peter Abrahamsson",
// "Alla verksamhetschefer" (a group, kept as written), "SFF:s Styrgrupp för H22 där Matz
// Ingvarson ingår" (the group as written, then the person named in the clause).
std::vector<std::string> responsible_people(std::string_view text) {
    std::string list(trim_trailing_punct(text));
    std::vector<std::string> people;
    std::string clause;
    std::size_t where = find_word(list, "dar");
    if (where != std::string_view::npos && where > 0) {
        clause = list.substr(where);
        list = std::string(trim(std::string_view(list).substr(0, where)));
    }
    // "tillsammans med" and "i samarbete med" join people like "och".
    static constexpr std::array<std::string_view, 4> joiners = {
        " tillsammans med ", " tillsamman med ", " i samarbete med ", " med "};
    for (auto j : joiners) {
        std::size_t at = 0;
        while ((at = list.find(j, at)) != std::string::npos) {
            if (!starts_upper(std::string_view(list).substr(at + j.size()))) {
                at += j.size();
                continue;
            }
            list.replace(at, j.size(), ", ");
        }
    }
    for (const auto& item : split_people(list)) {
        Person p = parse_person(item);
        if (p.words >= 1 && !p.rest) {
            people.push_back(p.name);
        } else {
            people.emplace_back(trim_trailing_punct(item));
        }
    }
    if (!clause.empty()) {
        auto w = words(clause);
        for (std::size_t k = 1; k < w.size(); ++k) {
            if (!is_name_word(w[k])) continue;
            std::string name(w[k]);
            while (k + 1 < w.size() && is_name_word(w[k + 1]))
                name += ' ' + std::string(w[++k]);
            people.push_back(name);
        }
    }
    return people;
}

}  // namespace

std::vector<Responsibility> find_responsibilities(const Document& doc) {
    std::vector<Responsibility> out;
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
        std::string_view people;
        if (doc.lines[i].blank() || !is_responsibility(doc.lines[i].text, people)) continue;
        auto names = responsible_people(people);
        if (names.empty()) continue;
        out.push_back(Responsibility{task_above(doc, i), std::move(names)});
    }
    return out;
}

namespace {

bool no_decisions(std::string_view text) {
    std::string folded = fold(text);
    return folded.starts_with("inga beslut") || folded.starts_with("inget beslut") ||
           folded.starts_with("inga arenden");
}

// Where a decision section ends: a heading, an agenda item, a label.
bool ends_decisions(const Document& doc, std::size_t i, bool first) {
    const Line& line = doc.lines[i];
    std::string_view text = line.text;
    if (is_section_keyword(text) || numbered_item(text) || is_decision_heading(text)) return true;
    std::string_view unused;
    if (is_responsibility(text, unused)) return true;
    // A line in capitals ("INFORMATION", "ÖVRIGT").
    std::string folded = fold(text);
    if (folded != text && text.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos &&
        text.size() < 60) {
        return true;
    }
    if (first) return false;
    // A short heading after a gap: "Information", "Övriga frågor".
    bool after_gap = i > 0 && doc.lines[i - 1].blank();
    return after_gap && !line.bullet && words(text).size() <= 4 && !ends_with_any(text, ".!?") &&
           starts_upper(text);
}

}  // namespace

std::vector<std::string> find_decisions(const Document& doc) {
    std::vector<std::string> decisions;
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
        const Line& line = doc.lines[i];
        if (line.blank() || line.noise() || !is_decision_heading(line.text)) continue;
        std::string current;
        auto flush = [&] {
            if (!current.empty() && !no_decisions(current)) decisions.push_back(current);
            current.clear();
        };
        // "Beslut: Ledningsgruppen beslutar att ..." on the heading line itself.
        std::size_t colon = line.text.find(':');
        if (colon != std::string_view::npos) append_wrapped(current, line.text.substr(colon + 1));
        bool first = current.empty();
        std::size_t j = i + 1;
        for (; j < doc.lines.size(); ++j) {
            const Line& next = doc.lines[j];
            if (next.noise()) continue;
            if (next.blank()) {
                flush();
                continue;
            }
            if (ends_decisions(doc, j, first)) break;
            first = false;
            if (next.bullet) flush();
            append_wrapped(current, next.text);
        }
        flush();
        i = j - 1;
    }
    return decisions;
}

}  // namespace minutes::meeting_detail
