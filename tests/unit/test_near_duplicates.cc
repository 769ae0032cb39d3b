// Near-duplicate fingerprints: the corpus copies of one meeting, OCR damage, shared
// boilerplate, short texts and the stored encoding.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "encoding.hh"
#include "near_duplicates.hh"

using minutes::band_keys;
using minutes::decode_fingerprint;
using minutes::encode_fingerprint;
using minutes::fingerprint;
using minutes::Fingerprint;
using minutes::same_meeting;
using minutes::similarity;

namespace {

const std::vector<std::string> corpus_names = {
    "000_a6c04c5ced037bda.txt", "001_0585aeec550ae778.txt", "002_2cecb246cc5f6634.txt",
    "003_6a9f0e533517f638.txt", "004_910fb972986649f5.txt"};

std::string corpus_text(const std::string& name) {
    std::ifstream in(std::string(MINUTES_CORPUS) + "/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream buf;
    buf << in.rdbuf();
    auto decoded = minutes::decode_document(buf.str());
    REQUIRE(std::holds_alternative<minutes::DecodedText>(decoded));
    return std::get<minutes::DecodedText>(decoded).text;
}

bool share_band(const Fingerprint& a, const Fingerprint& b) {
    auto ka = band_keys(a), kb = band_keys(b);
    return std::any_of(ka.begin(), ka.end(), [&](const std::string& k) {
        return std::find(kb.begin(), kb.end(), k) != kb.end();
    });
}

// Replaces each `from` by one of `to`, chosen by the generator, now and then.
std::string replace_some(const std::string& text, const std::string& from,
                         const std::vector<std::string>& to, std::mt19937& rng) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, from.size(), from) == 0 && rng() % 3 != 0) {
            out += to[rng() % to.size()];
            i += from.size();
        } else {
            out += text[i++];
        }
    }
    return out;
}

// Misreads that no normalisation undoes: in every 20th word, "l" read as "I" or "h" as "b".
std::string misread_words(const std::string& text) {
    std::string out = text;
    std::size_t word = 0;
    bool damaged = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == ' ' || out[i] == '\n') {
            damaged = ++word % 20 != 0;
            continue;
        }
        if (damaged) continue;
        if (out[i] == 'l' || out[i] == 'h') {
            out[i] = out[i] == 'l' ? 'I' : 'b';
            damaged = true;
        }
    }
    return out;
}

// What a scan and OCR do to a text: å/ä/ö dropped or misread, m/rn confusions, bullets read
// as letters, misread letters, and a page header.
std::string ocr_damage(const std::string& text) {
    std::mt19937 rng(42);
    std::string out = replace_some(text, "å", {"a", "d", "é"}, rng);
    out = replace_some(out, "ä", {"a", "i", "d"}, rng);
    out = replace_some(out, "ö", {"o", "6", "é"}, rng);
    out = replace_some(out, "m", {"rn", "m"}, rng);
    out = replace_some(out, "rn", {"m", "rn"}, rng);
    out = replace_some(out, "•", {"e", "o", "«", ""}, rng);
    return " 2 HELSINGBORG 2022-10-11\n\n" + misread_words(out);
}

}  // namespace

TEST_CASE("near duplicates: the clean and the OCR'd copy in corpus/ are one meeting") {
    Fingerprint clean = fingerprint(corpus_text(corpus_names[0]));
    Fingerprint scanned = fingerprint(corpus_text(corpus_names[1]));
    CHECK(same_meeting(clean, scanned));
    CHECK(share_band(clean, scanned));
}

TEST_CASE("near duplicates: no other pair of corpus files is one meeting") {
    std::vector<Fingerprint> prints;
    for (const auto& name : corpus_names)
        prints.push_back(fingerprint(corpus_text(name)));
    for (std::size_t a = 0; a < prints.size(); ++a)
        for (std::size_t b = a + 1; b < prints.size(); ++b) {
            if (a == 0 && b == 1) continue;
            CAPTURE(corpus_names[a]);
            CAPTURE(corpus_names[b]);
            CHECK_FALSE(same_meeting(prints[a], prints[b]));
            CHECK(similarity(prints[a], prints[b]) < 0.1);
        }
}

TEST_CASE("near duplicates: identical texts have similarity 1") {
    std::string text = corpus_text(corpus_names[2]);
    Fingerprint a = fingerprint(text), b = fingerprint(text);
    CHECK(similarity(a, b) == 1.0);
    CHECK(same_meeting(a, b));
    CHECK(band_keys(a) == band_keys(b));
}

TEST_CASE("near duplicates: a text and its OCR'd copy are one meeting") {
    for (std::size_t i : {2, 3, 4}) {
        std::string text = corpus_text(corpus_names[i]);
        std::string damaged = ocr_damage(text);
        REQUIRE(damaged != text);
        Fingerprint a = fingerprint(text), b = fingerprint(damaged);
        CAPTURE(corpus_names[i]);
        CHECK(similarity(a, b) >= 0.6);
        CHECK(same_meeting(a, b));
        CHECK(share_band(a, b));
    }
}

TEST_CASE("near duplicates: meetings sharing a long boilerplate header are not one meeting") {
    // The header block of 001 (participants, sections) and a standard paragraph.
    std::string text = corpus_text(corpus_names[1]);
    std::string header = text.substr(0, text.find("1. Aterkoppling"));
    header +=
        "Ledningsgruppen går igenom protokollet från föregående möte. Alla uppmanas lämna "
        "inspel och synpunkter till sekreteraren senast en vecka före nästa möte. Mötet "
        "inleds med en kort presentationsrunda och en genomgång av dagordningen.\n";
    Fingerprint a = fingerprint(header + corpus_text(corpus_names[2]));
    Fingerprint b = fingerprint(header + corpus_text(corpus_names[3]));
    CHECK_FALSE(same_meeting(a, b));
    CHECK(similarity(a, b) < 0.3);
}

TEST_CASE("near duplicates: short texts never match") {
    std::string text = "Beslut\nInga beslutspunkter\nInformation\n1. Kort, kort\nTema: Skolval";
    Fingerprint a = fingerprint(text), b = fingerprint(text);
    CHECK(a.words < minutes::min_fingerprint_words);
    CHECK(similarity(a, b) == 1.0);
    CHECK_FALSE(same_meeting(a, b));
    CHECK(band_keys(a).empty());
    Fingerprint empty = fingerprint("");
    CHECK(empty.minhash.size() == minutes::minhash_size);
    CHECK_FALSE(same_meeting(empty, empty));
}

TEST_CASE("near duplicates: band keys are short ASCII strings") {
    auto keys = band_keys(fingerprint(corpus_text(corpus_names[4])));
    CHECK(keys.size() == minutes::band_count);
    for (const auto& key : keys) {
        CHECK(key.size() <= 20);
        CHECK(std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 0x7F; }));
    }
    std::sort(keys.begin(), keys.end());
    CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
}

TEST_CASE("near duplicates: encoding round trip and malformed bytes") {
    Fingerprint f = fingerprint(corpus_text(corpus_names[0]));
    std::string bytes = encode_fingerprint(f);
    auto back = decode_fingerprint(bytes);
    REQUIRE(back);
    CHECK(back->minhash == f.minhash);
    CHECK(back->words == f.words);
    CHECK(same_meeting(*back, f));

    CHECK_FALSE(decode_fingerprint(""));
    CHECK_FALSE(decode_fingerprint(bytes.substr(0, bytes.size() - 1)));
    CHECK_FALSE(decode_fingerprint(bytes + "x"));
    std::string other_version = bytes;
    other_version[0] = static_cast<char>(other_version[0] + 1);
    CHECK_FALSE(decode_fingerprint(other_version));
}
