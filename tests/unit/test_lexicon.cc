// Lexicon: lemmas and compound splitting on the real Swedish dictionary (hunspell-sv), the
// compound rules on a small dictionary written here, the cache file and its failure modes.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "lexicon.hh"
#include "temp_dir.hh"

using minutes::Lexicon;
using Parts = std::vector<std::string>;
namespace fs = std::filesystem;

namespace {

// The Swedish lexicon, or nullptr (and a message) when hunspell-sv is not installed.
const Lexicon* swedish() {
    static const std::unique_ptr<Lexicon> lexicon = []() -> std::unique_ptr<Lexicon> {
        if (!fs::exists(MINUTES_DEFAULT_DICTIONARY)) return nullptr;
        return Lexicon::load(MINUTES_DEFAULT_DICTIONARY);
    }();
    if (!lexicon) MESSAGE("skipped: no dictionary at " MINUTES_DEFAULT_DICTIONARY);
    return lexicon.get();
}

std::optional<Parts> parts_of(const Lexicon& lexicon, std::string_view word) {
    const auto split = lexicon.split(word);
    if (!split) return std::nullopt;
    return split->parts;
}

// Sets an environment variable for the scope of a test.
struct ScopedEnv {
    std::string name;
    std::optional<std::string> old;
    ScopedEnv(std::string n, const std::string& value) : name(std::move(n)) {
        if (const char* v = std::getenv(name.c_str())) old = v;
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old)
            ::setenv(name.c_str(), old->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
};

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// A small dictionary with the compound machinery of hunspell-sv, in FLAG long notation.
const char* const kTinyAffix = R"(SET UTF-8
FLAG long
NEEDAFFIX Na
FORBIDDENWORD Fo
ONLYINCOMPOUND Oc
COMPOUNDBEGIN Cb
COMPOUNDMIDDLE Cm
COMPOUNDEND Ce
COMPOUNDPERMITFLAG Cp

# definite singular
SFX Df Y 2
SFX Df 0 en [^a]
SFX Df a an a

# plural
SFX Pl Y 2
SFX Pl a or a
SFX Pl a orna a

# linking forms, only inside compounds
SFX Ls N 1
SFX Ls 0 s/CpCbOc .
SFX Za N 1
SFX Za a 0/CpCbOc a
SFX Ue N 1
SFX Ue um e/CpCbOc um
)";

const char* const kTinyDictionary = R"(13
skola/DfPlCe
skol/CbOc
plan/DfCbCe
verksamhet/DfLsCe
gymnasium/Ce
gymnasie/CbOc
fall/CbCe
lucka/DfCe
bil/CbCe
fel/CbCe
stavning/DfCe
felstavning/Fo
bo/NaDf
)";

// Writes the tiny dictionary into `dir` and returns the path of its .dic.
std::string write_tiny_dictionary(const fs::path& dir, const std::string& extra_words = "") {
    write_file(dir / "tiny.aff", kTinyAffix);
    write_file(dir / "tiny.dic", kTinyDictionary + extra_words);
    return (dir / "tiny.dic").string();
}

std::vector<fs::path> cache_files(const fs::path& cache_home) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache_home / "minutes", ec))
        if (e.path().extension() == ".lex") files.push_back(e.path());
    return files;
}

std::string read_corpus() {
    std::string text;
    for (const auto& e : fs::directory_iterator(MINUTES_CORPUS)) {
        if (e.path().extension() != ".txt") continue;
        std::ifstream in(e.path(), std::ios::binary);
        text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return text;
}

}  // namespace

TEST_CASE("lexicon: lemmas of inflected and definite forms") {
    const Lexicon* lex = swedish();
    if (!lex) return;
    CHECK(lex->lemma("skolan") == "skola");
    CHECK(lex->lemma("skolorna") == "skola");
    CHECK(lex->lemma("skola") == "skola");
    CHECK(lex->lemma("mötet") == "möte");
    CHECK(lex->lemma("kommunstyrelsen") == "kommunstyrelse");
    CHECK(lex->lemma("gymnasieskolan") == "gymnasieskola");
    CHECK(lex->lemma("planering") == "planering");
    CHECK(lex->lemma("gymnasium") == "gymnasium");  // what a query matches a "gymnasie-" part by
    // Not in the dictionary: the compound's head carries the lemma.
    CHECK(lex->lemma("anneroskolans") == "anneroskola");
    CHECK(lex->lemma("anneroskolan") == "anneroskola");
}

TEST_CASE("lexicon: no lemma for unknown words and compound-only forms") {
    const Lexicon* lex = swedish();
    if (!lex) return;
    CHECK(lex->lemma("skol") == std::nullopt);      // only "skol-" inside compounds
    CHECK(lex->lemma("gymnasie") == std::nullopt);  // likewise
    CHECK(lex->lemma("xqzvkw") == std::nullopt);
    CHECK(lex->lemma("") == std::nullopt);
    CHECK(lex->lemma(std::string(10000, 'a')) == std::nullopt);
}

TEST_CASE("lexicon: splits compounds into the lemmas of their parts") {
    const Lexicon* lex = swedish();
    if (!lex) return;
    CHECK(parts_of(*lex, "anneroskolan") == Parts{"annero", "skola"});
    CHECK(parts_of(*lex, "anneroskolans") == Parts{"annero", "skola"});
    CHECK(parts_of(*lex, "verksamhetsplan") == Parts{"verksamhet", "plan"});
    CHECK(parts_of(*lex, "verksamhetsplanens") == Parts{"verksamhet", "plan"});
    CHECK(parts_of(*lex, "matematikundervisningen") == Parts{"matematik", "undervisning"});
    CHECK(parts_of(*lex, "grundskolorna") == Parts{"grund", "skola"});
    // A first part in its linking form is named after its word: "gymnasie-" is "gymnasium".
    CHECK(parts_of(*lex, "gymnasieskolan") == Parts{"gymnasium", "skola"});
    CHECK(parts_of(*lex, "kommunstyrelsen") == Parts{"kommun", "styrelse"});
    // "besluts-" is listed under the verb "besluta"; the shorter noun wins.
    CHECK(parts_of(*lex, "beslutspunkter") == Parts{"beslut", "punkt"});
    // Three parts, with a middle part in its linking form ("hälso-" of "hälsa").
    CHECK(parts_of(*lex, "elevhälsoteam") == Parts{"elev", "hälsa", "team"});
    // The fewest parts win: a part may be a compound itself, to be split again if wanted.
    CHECK(parts_of(*lex, "grundskoleförvaltningen") == Parts{"grundskola", "förvaltning"});
    CHECK(parts_of(*lex, "grundskola") == Parts{"grund", "skola"});
}

TEST_CASE("lexicon: real compounds of the corpus") {
    const Lexicon* lex = swedish();
    if (!lex) return;
    const std::string corpus = read_corpus();
    const std::vector<std::pair<std::string, Parts>> cases = {
        {"Familjecentralerna", {"familj", "central"}},
        {"kvalitetsrapporterna", {"kvalitet", "rapport"}},
        {"verksamhetsdialoger", {"verksamhet", "dialog"}},
        {"handlingsplanen", {"handling", "plan"}},
        {"Miljöförvaltningens", {"miljö", "förvaltning"}},
        {"utbildningsdirektör", {"utbildning", "direktör"}},
        {"Anneroskolan", {"annero", "skola"}},
    };
    for (const auto& [written, parts] : cases) {
        CAPTURE(written);
        CHECK(corpus.find(written) != std::string::npos);
        std::string folded = written;
        folded[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(folded[0])));
        CHECK(parts_of(*lex, folded) == parts);
    }
    CHECK(lex->lemma("familjecentralerna") == "familjecentral");
    CHECK(lex->lemma("miljöförvaltningens") == "miljöförvaltning");
}

TEST_CASE("lexicon: words that only share letters are not split") {
    const Lexicon* lex = swedish();
    if (!lex) return;
    CHECK(parts_of(*lex, "planering") == std::nullopt);  // "ering" is no word
    CHECK(parts_of(*lex, "planeringen") == std::nullopt);
    CHECK(parts_of(*lex, "skolan") == std::nullopt);
    CHECK(parts_of(*lex, "skolorna") == std::nullopt);
    CHECK(parts_of(*lex, "utbildning") == std::nullopt);  // "ut" cannot start a compound
    CHECK(parts_of(*lex, "rapport") == std::nullopt);
    // A compound that contains "plan" only as letters of another word.
    CHECK(parts_of(*lex, "verksamhetsplanering") == Parts{"verksamhet", "planering"});
    // Five letters or fewer are never split.
    for (const char* word : {"skola", "plan", "bilar", "ostar", "mötet"}) {
        CAPTURE(word);
        CHECK(parts_of(*lex, word) == std::nullopt);
    }
}

TEST_CASE("lexicon: junk input is answered quickly and without crashing") {
    const Lexicon* lex = swedish();
    if (!lex) return;
    CHECK(parts_of(*lex, "1ösa") == std::nullopt);  // OCR: digit for a letter
    CHECK(lex->lemma("1ösa") == std::nullopt);
    // OCR of "lägesgenomgång": no reading, or one of at least two parts.
    if (const auto parts = parts_of(*lex, "ldgesgenomgang")) CHECK(parts->size() >= 2);
    // A misspelt compound is not taken for a name before "-ring".
    CHECK(parts_of(*lex, "verksamhetsplanenering") == std::nullopt);
    CHECK(parts_of(*lex, "") == std::nullopt);
    CHECK(parts_of(*lex, "skol-planen") == std::nullopt);
    CHECK(parts_of(*lex, "skola2020") == std::nullopt);
    CHECK(parts_of(*lex, "\xff\xfe\xfdskolan") == std::nullopt);  // not UTF-8
    CHECK(parts_of(*lex, "skolan\xc3") == std::nullopt);          // truncated UTF-8
    CHECK(lex->lemma("skolan\xc3") == std::nullopt);
    const std::string long_word(10000, 'a');
    CHECK(parts_of(*lex, long_word) == std::nullopt);
    std::string long_compound;
    for (int i = 0; i < 2000; ++i)
        long_compound += "skolplan";
    CHECK(parts_of(*lex, long_compound) == std::nullopt);
    CHECK(lex->lemma(long_compound) == std::nullopt);

    // Random letter strings, some ending in a real head.
    std::mt19937 random(42);
    const std::vector<std::string> letters = {"a", "b", "d", "e", "g", "i", "k", "l", "m", "n",
                                              "o", "p", "r", "s", "t", "u", "v", "å", "ä", "ö"};
    for (int i = 0; i < 5000; ++i) {
        std::string word;
        for (std::size_t k = 0, n = 1 + random() % 30; k < n; ++k)
            word += letters[random() % letters.size()];
        if (random() % 3 == 0) word += "skolan";
        const auto split = lex->split(word);
        if (split) {
            CAPTURE(word);
            CHECK(split->parts.size() >= 2);
            CHECK(std::none_of(split->parts.begin(), split->parts.end(),
                               [](const std::string& p) { return p.empty(); }));
        }
        if (const auto lemma = lex->lemma(word)) CHECK(!lemma->empty());
    }
}

TEST_CASE("lexicon: compound rules of a small dictionary") {
    TempDir dir;
    const ScopedEnv cache("XDG_CACHE_HOME", (dir.path / "cache").string());
    const auto lex = Lexicon::load(write_tiny_dictionary(dir.path));
    REQUIRE(lex);

    CHECK(lex->lemma("skolan") == "skola");
    CHECK(lex->lemma("skolorna") == "skola");
    CHECK(lex->lemma("skol") == std::nullopt);  // ONLYINCOMPOUND
    CHECK(lex->lemma("bo") == std::nullopt);    // NEEDAFFIX: only its forms are words
    CHECK(lex->lemma("boen") == "bo");
    CHECK(lex->lemma("verksamhets") == std::nullopt);  // a linking form is no word

    CHECK(parts_of(*lex, "skolplanen") == Parts{"skola", "plan"});  // "skol-" named by a -> ''
    CHECK(parts_of(*lex, "planskolorna") == Parts{"plan", "skola"});
    CHECK(parts_of(*lex, "gymnasieskolan") == Parts{"gymnasium", "skola"});  // by um -> e
    CHECK(parts_of(*lex, "verksamhetsplanen") == Parts{"verksamhet", "plan"});
    CHECK(parts_of(*lex, "skolplanbil") == Parts{"skola", "plan", "bil"});
    CHECK(parts_of(*lex, "fallucka") == Parts{"fall", "lucka"});  // fall + lucka, triple l
    CHECK(parts_of(*lex, "planbil") == Parts{"plan", "bil"});
    CHECK(parts_of(*lex, "skolabil") == std::nullopt);  // "skola" may not begin a compound
    CHECK(parts_of(*lex, "bilbil") == std::nullopt);    // the same part twice
    CHECK(parts_of(*lex, "felstavningen") == Parts{"fel", "stavning"});
    CHECK(parts_of(*lex, "felstavning") == std::nullopt);  // FORBIDDENWORD
    CHECK(lex->lemma("felstavning") == std::nullopt);
    CHECK(parts_of(*lex, "felbilen") == std::nullopt);  // "bilen": bil has no definite form

    // An unknown first part needs 3+ letters and a head of 4+ letters.
    CHECK(parts_of(*lex, "anneroplanen") == Parts{"annero", "plan"});
    CHECK(lex->lemma("anneroplanen") == "anneroplan");
    CHECK(parts_of(*lex, "abskolan") == std::nullopt);
    CHECK(parts_of(*lex, "annerobil") == std::nullopt);
    CHECK(parts_of(*lex, "xzwvbkplanen") == std::nullopt);  // no vowel: not a name
}

TEST_CASE("lexicon: the cache file is written once, reused, and replaced when bad") {
    TempDir dir;
    const ScopedEnv cache("XDG_CACHE_HOME", (dir.path / "cache").string());
    const std::string dic = write_tiny_dictionary(dir.path);

    const auto first = Lexicon::load(dic);
    const auto files = cache_files(dir.path / "cache");
    REQUIRE(files.size() == 1);
    const auto written = fs::last_write_time(files[0]);

    const auto second = Lexicon::load(dic);  // mapped, not compiled again
    CHECK(fs::last_write_time(files[0]) == written);
    CHECK(parts_of(*second, "skolplanen") == Parts{"skola", "plan"});
    CHECK(first->lemma("skolorna") == second->lemma("skolorna"));

    SUBCASE("a damaged cache file is compiled again") {
        std::string bytes;
        {
            std::ifstream in(files[0], std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        SUBCASE("truncated") {
            bytes.resize(bytes.size() / 2);
        }
        SUBCASE("garbage in the automaton") {
            std::fill(bytes.begin() + bytes.size() / 3, bytes.begin() + bytes.size() / 2, '\xff');
        }
        SUBCASE("one byte of a lemma changed") {
            bytes.back() ^= 1;
        }
        SUBCASE("empty") {
            bytes.clear();
        }
        write_file(files[0], bytes);
        const auto third = Lexicon::load(dic);
        CHECK(parts_of(*third, "skolplanen") == Parts{"skola", "plan"});
        CHECK(third->lemma("skolorna") == "skola");
    }
    SUBCASE("a changed dictionary gets a new cache file") {
        write_tiny_dictionary(dir.path, "kurs/CbCe\n");
        const auto changed = Lexicon::load(dic);
        CHECK(parts_of(*changed, "kursplanen") == Parts{"kurs", "plan"});
        CHECK(cache_files(dir.path / "cache").size() == 2);
    }
    SUBCASE("no usable cache directory: compiled in memory") {
        const ScopedEnv no_cache("XDG_CACHE_HOME", "/proc/no-such-dir");
        const ScopedEnv no_home("HOME", "/proc/no-such-dir");
        const auto in_memory = Lexicon::load(dic);
        CHECK(parts_of(*in_memory, "skolplanen") == Parts{"skola", "plan"});
    }
}

TEST_CASE("lexicon: a missing dictionary is an error naming the file") {
    TempDir dir;
    const std::string missing = (dir.path / "none.dic").string();
    CHECK_THROWS_WITH_AS(Lexicon::load(missing), doctest::Contains(missing.c_str()),
                         std::runtime_error);

    write_file(dir.path / "half.dic", "1\nord\n");  // no half.aff beside it
    const std::string aff = (dir.path / "half.aff").string();
    CHECK_THROWS_WITH_AS(Lexicon::load((dir.path / "half.dic").string()),
                         doctest::Contains(aff.c_str()), std::runtime_error);
}

TEST_CASE("lexicon: the shared lexicon") {
    const Lexicon* shared = Lexicon::shared();
    CHECK(Lexicon::shared() == shared);  // loaded once
    if (std::getenv("MINUTES_DICTIONARY")) return;
    if (!fs::exists(MINUTES_DEFAULT_DICTIONARY)) {
        CHECK(shared == nullptr);
        return;
    }
    REQUIRE(shared != nullptr);
    CHECK(shared->lemma("skolan") == "skola");
}

TEST_CASE("lexicon: concurrent lookups agree with sequential ones") {
    const Lexicon* lex = swedish();
    if (!lex) return;
    const std::string corpus = read_corpus();
    std::set<std::string> unique;  // runs of ASCII letters and non-ASCII bytes, ASCII lower-cased
    std::string word;
    for (const char c : corpus + ' ') {
        if (std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            unique.insert(word);
            word.clear();
        }
    }
    const std::vector<std::string> words(unique.begin(), unique.end());
    REQUIRE(words.size() > 100);

    auto run = [&](std::vector<std::string>& out) {
        for (const auto& w : words) {
            const auto lemma = lex->lemma(w);
            const auto split = lex->split(w);
            std::string line = w + '\t' + lemma.value_or("-") + '\t';
            if (split)
                for (const auto& p : split->parts)
                    line += p + '|';
            out.push_back(line);
        }
    };
    std::vector<std::string> expected, a, b;
    run(expected);
    std::thread t1([&] { run(a); });
    std::thread t2([&] { run(b); });
    t1.join();
    t2.join();
    CHECK(a == expected);
    CHECK(b == expected);
}
