// The metadata extractor: exact values on the five corpus documents, and every layout, date
// form and trap on small inline texts.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "meeting_parser.hh"

using minutes::Attendance;
using minutes::extract_attendance;
using minutes::extract_date;
using minutes::extract_decisions;
using minutes::extract_meeting;
using minutes::extract_responsibilities;
using minutes::extract_title;
using minutes::extract_topics;
using minutes::Meeting;
using minutes::MeetingDate;
using minutes::TimeSpan;
using Names = std::vector<std::string>;

namespace {

std::string corpus_file(const std::string& name) {
    std::ifstream in(std::string(MINUTES_CORPUS) + "/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

std::string date_of(const std::string& text) {
    auto when = extract_date(text);
    return when.date ? when.date->iso() : "null";
}

Names members(const Meeting& m, const std::string& group) {
    for (const auto& g : m.groups)
        if (g.name == group) return g.members;
    return {};
}

Names group_names(const Attendance& a) {
    Names out;
    for (const auto& g : a.groups)
        out.push_back(g.name);
    return out;
}

bool empty_record(const Meeting& m) {
    return !m.date && m.date_source.empty() && !m.time && m.groups.empty() && m.absent.empty() &&
           m.partial.empty() && !m.secretary && m.responsibilities.empty() && m.decisions.empty();
}

}  // namespace

// ---- the corpus ----

TEST_CASE("meeting: corpus 000 has topics but no date and no attendance") {
    Meeting m = extract_meeting(corpus_file("000_a6c04c5ced037bda.txt"));
    CHECK_FALSE(m.date);
    CHECK(m.date_source.empty());
    CHECK_FALSE(m.time);
    CHECK(m.groups.empty());
    CHECK(m.absent.empty());
    CHECK(m.partial.empty());
    CHECK_FALSE(m.secretary);
    CHECK(m.topics == Names{"Återkoppling från verksamhetsmöten", "Kort, kort",
                            "Verksamhetsplan: uppföljning, uppdrag, analys"});
    CHECK(m.title == "Återkoppling från verksamhetsmöten");  // no heading: the first topic
    CHECK(m.responsibilities.empty());
    CHECK(m.decisions.empty());
}

TEST_CASE("meeting: corpus 001, Deltagare LG and Styrgruppen with a time, absent secretary") {
    Meeting m = extract_meeting(corpus_file("001_0585aeec550ae778.txt"));
    REQUIRE(m.date);
    CHECK(m.date->iso() == "2022-10-11");
    CHECK(m.date_source == "text");
    REQUIRE(m.time);
    CHECK(*m.time == TimeSpan{"12.00", "16.00"});
    CHECK(m.title == "Helsingborgs stads skolors ledningsgrupp");
    REQUIRE(m.groups.size() == 2);
    CHECK(m.groups[0].name == "Ledningsgruppen");
    CHECK(m.groups[0].members ==
          Names{"Tony Mufic", "Mats Nilsson", "Dennis Hjelmstrom", "Agneta Gullstrand",
                "Maria Boman Hansson", "Annette Holm Persson", "Peter Abrahamsson", "Lila Ericsson",
                "Lolita Nilsson", "Susanne Fras", "Thomas Karlegatt", "Eva Koltai Arthursson"});
    CHECK_FALSE(m.groups[0].time);
    CHECK(m.groups[1].name == "Styrgruppen");
    CHECK(m.groups[1].members ==
          Names{"Maria Holm", "Birgitta Forssman", "Elisabeth Svenningsson"});
    REQUIRE(m.groups[1].time);
    CHECK(*m.groups[1].time == TimeSpan{"14.00", "16.00"});
    CHECK(m.absent == Names{"Karin Gerken", "Marie Krantz"});
    CHECK(m.secretary == "Marie Krantz");
    CHECK(m.attended().size() == 15);
    CHECK(m.partial.empty());
    CHECK(m.decisions.empty());  // "Inga beslutspunkter"
    CHECK(m.topics == Names{"Aterkoppling fran verksamhetsmoten", "Kort, kort",
                            "Verksamhetsplan: uppféljning, uppdrag, analys"});
}

TEST_CASE("meeting: corpus 002, a theme day with its section headings") {
    Meeting m = extract_meeting(corpus_file("002_2cecb246cc5f6634.txt"));
    CHECK_FALSE(m.date);  // "2022-2023", "5 maj", "Juni 2023" are plans, not the meeting
    CHECK(m.title == "Mötesanteckningar");
    CHECK(m.secretary == "Marie Krantz");  // the "Vid anteckningarna/" footer mid-text
    CHECK(m.groups.empty());
    CHECK(m.attended().empty());
    // "Expoveckorna optimalt" continues the bullet above it ("... ta tillvara på"), and
    // "Hur kan VP uppdragen spetsas till?" is a question: neither is a heading.
    CHECK(m.topics == Names{"Vi tar ut riktning - Verksamhetsplanering inför läsår 2022-2023",
                            "Koll på nuläget \u201D Vi tar hand om\u201D \u2013 återkoppling från "
                            "verksamhetsdialog 2",
                            "Innehåll i dialog på Huvudmannanivå",
                            "Grupparbete \u2013 Sammanfattning av aktuellt läge i VP",
                            "Ingångsvärden för VP arbetet 2022-2023 \u201DVi tar initiativ\u201D",
                            "Grupparbetet - En \u201DSpetsigare\u201D verksamhetsplan",
                            "Tidplan för VP",
                            "Uppföljning och utvärdering \u2013 Två begrepp som spelar roll",
                            "Roadmap 2022-23"});
}

TEST_CASE("meeting: corpus 003, two groups, partial attendance, an empty absent list") {
    Meeting m = extract_meeting(corpus_file("003_6a9f0e533517f638.txt"));
    CHECK_FALSE(m.date);  // "18–19 april 2024" and "13 april" are not the meeting's date
    CHECK(m.title == "Mötesanteckningar");
    CHECK(members(m, "Ledningsgruppen") ==
          Names{"Tony Mufic", "Agneta Gullstrand", "Maria Boman Hansson", "Peter Abrahamsson",
                "Thomas Karlegatt", "Eva Koltai Arthursson", "Susanne Fras", "Karin Gerken",
                "Mats Nilsson", "Annacarin Jendland", "Lila Ericsson", "Lolitha Nilsson"});
    CHECK(members(m, "Styrgruppen") == Names{"Elisabeth Svenningsson", "Maria Holm",
                                             "Birgitta Forssman", "Annette Holm Persson"});
    REQUIRE(m.partial.size() == 2);
    CHECK(m.partial[0].name == "Cecilia Wickenberg Rosengren");
    CHECK(m.partial[0].note == "deltog via Teams");
    CHECK(m.partial[1].name == "Charlotte Erngren");
    CHECK(m.partial[1].note == "deltog 13-15.00");
    CHECK(m.attended().size() == 18);
    CHECK(m.absent.empty());
    CHECK_FALSE(m.secretary);
    CHECK(m.decisions.empty());
    CHECK(m.topics == Names{"Fokus Verksamhetsplan 23/24 (LG+ SG)",
                            "Återkoppling SBS -grupper och uppgift från Elevcentrerat",
                            "Kort, kort", "I huvudet på Fastighetsdirektör Magnus Prochéus",
                            "Summering och utcheckning"});
}

TEST_CASE("meeting: corpus 004, a mid-text page header dates it; 15 responsibilities") {
    Meeting m = extract_meeting(corpus_file("004_910fb972986649f5.txt"));
    REQUIRE(m.date);
    CHECK(m.date->iso() == "2019-09-17");
    CHECK(m.date_source == "text");
    CHECK_FALSE(m.time);
    CHECK(m.title == "Mötesanteckningar");
    CHECK(m.secretary == "Marie Krantz");
    CHECK(m.groups.empty());
    CHECK(m.topics == Names{"Återkoppling från. Grupper",
                            "Utbildningsdirektörens VP/ förvaltningens VP", "Kort, kort", "SKA",
                            "Gruppövning - utifrån målbild och verksamhets idé"});
    REQUIRE(m.responsibilities.size() == 15);
    const auto& r = m.responsibilities;
    CHECK(r[0].people == Names{"Susanne Fras", "Christian Olsson"});
    CHECK(
        r[0].task.starts_with("Verksamhetscheferna (sammankallande) och avdelningarna "
                              "Pedagogiskt center, Elevhälsan samt RVU får i uppdrag"));
    CHECK(r[0].task.ends_with("Förslaget ska vara klart senast 30 november 2019."));
    CHECK(r[1].people == Names{"Susanne Fras"});
    CHECK(r[2].task.find("förskolornas, grundskolornas och gymnasieskolornas arbete") !=
          std::string::npos);  // joined across the blank line inside the item
    CHECK(r[3].people == Names{"Matz Ingvarsson"});
    CHECK(r[4].people == Names{"SFF:s Styrgrupp för H22", "Matz Ingvarson"});
    CHECK(r[4].task ==
          "En projektgrupp har i uppdrag att, inom ramen för stadens utvecklingssatsning H22, "
          "utveckla nya välfärdslösningar inom Skol- och fritidsförvaltningens område.");
    CHECK(r[8].people == Names{"Anci Cederquist", "Peter Abrahamsson"});
    CHECK(r[9].people == Names{"Elisabeth", "Matz Ingvarsson"});
    CHECK(r[10].people == Names{"Alla verksamhetschefer"});
    CHECK(r[10].task.starts_with("Verksamhetscheferna får i uppdrag att säkerställa att"));
    CHECK(r[14].people == Names{"Maria Holm", "Susanne Fras"});
    CHECK(r[14].task.find("utbildning och/eller stödmaterial") != std::string::npos);
}

// ---- dates ----

TEST_CASE("meeting: dates in every form") {
    CHECK(date_of("Mötesanteckningar\n2022-10-11\n\n1. Kort, kort\n") == "2022-10-11");
    CHECK(date_of("Tisdagen den 11 okt 2022\n") == "2022-10-11");
    CHECK(date_of("Tisdag 11 oktober 2022, 12.00-16.00\n") == "2022-10-11");
    CHECK(date_of("11 oktober 2022\n") == "2022-10-11");
    CHECK(date_of("Ledningsgruppen\n11/10 2022\n") == "2022-10-11");
    CHECK(date_of("Ledningsgruppen\n11/10-2022\n") == "2022-10-11");
    CHECK(date_of("Ledningsgruppen\n2022.10.11\n") == "2022-10-11");
    CHECK(date_of("Ledningsgruppen\n11.10.2022\n") == "2022-10-11");
    CHECK(date_of(" 2 HELSINGBORG 2022-10-11\n\nText.\n") == "2022-10-11");
    CHECK(date_of("Datum: 2023-05-12, kl. 13.00-15.30\n") == "2023-05-12");
    CHECK(date_of("Sammanträdesdatum 2023-05-12\n") == "2023-05-12");
    CHECK(date_of("Mötesanteckningar LG 3 sept 2021\n\n1. Budget\n") == "2021-09-03");
    CHECK(date_of("Fredagen den 1:a mars 2019, 9-12.00\n") == "2019-03-01");
    // OCR: the weekday loses its ring, the month its case.
    CHECK(date_of("Mandag den 3 Februari 2020\n") == "2020-02-03");
    CHECK(date_of("Lérdagen den 7 december 2019\n") == "2019-12-07");
}

TEST_CASE("meeting: a lone date line in mid text is the page header and the date") {
    std::string text =
        "Mötesanteckningar\n\n1. Budget\n\nText om budgeten.\n\n\n         2019-09-17 \n"
        "2. Kort, kort\nMer text.\n";
    CHECK(date_of(text) == "2019-09-17");
}

TEST_CASE("meeting: the time span goes with the dating line") {
    auto when = extract_date("Tisdagen den 11 okt 2022, 12.00-16.00\nPlats: Jupiter\n");
    REQUIRE(when.time);
    CHECK(*when.time == TimeSpan{"12.00", "16.00"});
    when = extract_date("Datum: 2023-05-12, kl. 13.00–15.30\n");
    REQUIRE(when.time);
    CHECK(*when.time == TimeSpan{"13.00", "15.30"});
    when = extract_date("Onsdagen den 8 mars 2023\nKl. 9–11.30\n");
    REQUIRE(when.time);
    CHECK(*when.time == TimeSpan{"09.00", "11.30"});
    when = extract_date("Sammanträdesdatum: 2023-05-12\n\nPlats och tid: Stadshuset, kl. 13-15\n");
    REQUIRE(when.time);
    CHECK(*when.time == TimeSpan{"13.00", "15.00"});
    CHECK_FALSE(extract_date("2022-10-11\n").time);
}

TEST_CASE("meeting: deadlines and plans never date the meeting") {
    CHECK(date_of("1. Budget\nFörslaget ska vara klart senast 30 november 2019.\n") == "null");
    CHECK(date_of("Förslag till datum är 18–19 april 2024, lunch till lunch.\n") == "null");
    CHECK(date_of("1. SKA\nArbetsformen presenteras senast 31 januari 2020 i gruppen.\n") ==
          "null");
    // Wrapped so that the date stands alone, but the sentence runs on into it.
    CHECK(date_of("1. Budget\n\nFörslaget ska vara färdigt senast\n30 mars 2019.\n") == "null");
    CHECK(date_of("1. Budget\n\nFörslaget tas fram under\n\n\n30 mars 2019.\n") == "null");
    CHECK(date_of("Protokoll\nNästa möte: 2022-11-08\n") == "null");
    CHECK(date_of("Protokoll\nJusteras 2023-05-20\n") == "null");
    CHECK(date_of("Roadmap 2022-23\n 5 maj förslag till VP\n 31 maj LG avstämning\n") == "null");
    CHECK(date_of("IMTEC konferensen den 24-26/9.\n") == "null");
    // The meeting's date wins over a deadline further down.
    CHECK(date_of("Tisdagen den 11 okt 2022\n\n1. Budget\nKlart senast 30 november 2022.\n") ==
          "2022-10-11");
}

TEST_CASE("meeting: no date and invalid dates give nullopt, never a guess") {
    CHECK(date_of("Mötesanteckningar\n\n1. Kort, kort\nInget datum här.\n") == "null");
    CHECK(date_of("2022-02-30\n") == "null");
    CHECK(date_of("31 april 2022\n") == "null");
    CHECK(date_of("2022-13-01\n") == "null");
    CHECK(date_of("Tisdagen den 11 okt\n") == "null");  // no year
}

// ---- attendance ----

TEST_CASE("meeting: lists wrapped over lines, names split by the break, och before the last") {
    auto a = extract_attendance(
        "Deltagare LG: Anna Berg, Bo Ek, Maria Boman\nHansson, Karl Lind, Tomas\nAxelson,\n\n"
        "Styrgruppen 13-15.00: Eva Holm och Per Strand,\n\nFranvarande: Lisa Ring, "
        "Marie Krantz (sekr)\n");
    REQUIRE(a.groups.size() == 2);
    CHECK(a.groups[0].name == "Ledningsgruppen");
    CHECK(a.groups[0].members ==
          Names{"Anna Berg", "Bo Ek", "Maria Boman Hansson", "Karl Lind", "Tomas Axelson"});
    CHECK(a.groups[1].name == "Styrgruppen");
    CHECK(a.groups[1].members == Names{"Eva Holm", "Per Strand"});
    REQUIRE(a.groups[1].time);
    CHECK(*a.groups[1].time == TimeSpan{"13.00", "15.00"});
    CHECK(a.absent == Names{"Lisa Ring", "Marie Krantz"});
    CHECK(a.secretary == "Marie Krantz");
}

TEST_CASE("meeting: a secretary marked in the participants list attends") {
    Meeting m = extract_meeting(
        "Deltagare: Anna Berg, Bo Ek, Ylva Ståhl\nDahl (sekr)\n\nEj närvarande: Per Ek\n");
    CHECK(members(m, "Deltagare") == Names{"Anna Berg", "Bo Ek", "Ylva Ståhl Dahl"});
    CHECK(m.secretary == "Ylva Ståhl Dahl");
    CHECK(m.absent == Names{"Per Ek"});
    // "(sekr)" wrapped onto a line of its own.
    m = extract_meeting("Frånvarande: Per Ek, Ylva Dahl\n(sekr)\n\nMötesanteckningar\n");
    CHECK(m.absent == Names{"Per Ek", "Ylva Dahl"});
    CHECK(m.secretary == "Ylva Dahl");
}

TEST_CASE("meeting: OCR damage in labels and names") {
    auto a = extract_attendance(
        "Ndrvarande LG: Kerstin 0berg, Niklas Sandstr6m, lngrid Nyström\n\n"
        "Ej niarvarande: Anna Berg\n\nFrdnvarande: Bo Ek\n");
    REQUIRE(a.groups.size() == 1);
    CHECK(a.groups[0].name == "Ledningsgruppen");
    // Digits and a leading l in a name are OCR damage and are undone.
    CHECK(a.groups[0].members == Names{"Kerstin Öberg", "Niklas Sandström", "Ingrid Nyström"});
    CHECK(a.absent == Names{"Anna Berg", "Bo Ek"});
}

TEST_CASE("meeting: partial attendance lines") {
    auto a = extract_attendance(
        "Deltagare LG: Anna Berg, Bo Ek\nStyrgruppen: Eva Holm, Per Strand,\n"
        "Cecilia Wickenberg Rosengren deltog via Teams\nCharlotte Erngren deltog 13-15.00\n\n"
        "Karl Lind deltog under punkt 2\n\nBeslut\n\n1. Kort\nPeter Danielsson deltog i "
        "konferensen och berättade.\n");
    REQUIRE(a.partial.size() == 3);
    CHECK(a.partial[0].name == "Cecilia Wickenberg Rosengren");
    CHECK(a.partial[0].note == "deltog via Teams");
    CHECK(a.partial[1].note == "deltog 13-15.00");
    CHECK(a.partial[2].name == "Karl Lind");
    CHECK(a.partial[2].note == "deltog under punkt 2");
    CHECK(members(extract_meeting("Deltagare: Anna Berg (deltog via Teams), Bo Ek\n"),
                  "Deltagare") == Names{"Anna Berg", "Bo Ek"});
    CHECK(
        extract_attendance("Deltagare: Anna Berg (deltog via Teams), Bo Ek\n").partial.at(0).note ==
        "deltog via Teams");
}

TEST_CASE("meeting: the secretary from footers and labels") {
    CHECK(extract_attendance("1. Kort\ntext\n Vid anteckningarna/Marie Krantz \nmer text\n")
              .secretary == "Marie Krantz");
    CHECK(extract_attendance("text\nVid anteckningama/Ylva Stahl Dahl\n").secretary ==
          "Ylva Stahl Dahl");
    CHECK(extract_attendance("Sekreterare: Hans Holm\n").secretary == "Hans Holm");
    CHECK(
        extract_attendance("Underskrifter\n\nSekreterare ..............\nHans Holm\n").secretary ==
        "Hans Holm");
    CHECK(extract_attendance("Vid protokollet\n\nLisa Berg\n").secretary == "Lisa Berg");
    // A footer-only secretary is not counted as present.
    CHECK(extract_meeting("text\nVid anteckningarna/Marie Krantz\n").attended().empty());
}

TEST_CASE("meeting: a formal protocol") {
    std::string text =
        "PROTOKOLL\nBarn- och utbildningsnämnden\n\nSammanträdesdatum: 2023-05-12\n\n"
        "Plats och tid: Stadshuset, kl. 13.00–15.30\n\n"
        "Beslutande:     Anna Andersson (S), ordförande\n"
        "                Bo Berg (M), vice ordförande\n"
        "                Carl Carlsson (S)\n"
        "                Dora Dahl (L) ersätter Erik Ek (M)\n\n"
        "Ersättare:      Fia Fors (S)\n\n"
        "Övriga närvarande: Gun Grahn, förvaltningschef\n"
        "                   Hans Holm, sekreterare\n\n"
        "Tjänstemän: Ola Ohlsson\n\n"
        "Frånvarande: Ulla Uhlin (KD)\n\n"
        "Justerare: Bo Berg och Ivar Isaksson (V)\n\n"
        "Justeringens plats och tid: Stadshuset 2023-05-19\n\n"
        "§ 12 Budget 2024\nDnr BUN 2023/45\n\nÄrendebeskrivning\n"
        "Förvaltningen har tagit fram ett förslag som ska vara klart senast 30 juni 2023.\n\n"
        "Beslut\nBarn- och utbildningsnämnden beslutar att godkänna förslaget till budget 2024.\n\n"
        "§ 13\nVal av ombud\n\nBeslut\nNämnden utser Carl Carlsson till ombud.\n\n"
        "Underskrifter\n\nSekreterare ...........................\nHans Holm\n\n"
        "Ordförande ............................\nAnna Andersson\n";
    Meeting m = extract_meeting(text);
    REQUIRE(m.date);
    CHECK(m.date->iso() == "2023-05-12");
    REQUIRE(m.time);
    CHECK(*m.time == TimeSpan{"13.00", "15.30"});
    CHECK(m.title == "PROTOKOLL");
    CHECK(members(m, "Beslutande") ==
          Names{"Anna Andersson", "Bo Berg", "Carl Carlsson", "Dora Dahl"});
    CHECK(members(m, "Ersättare") == Names{"Fia Fors"});
    CHECK(members(m, "Övriga närvarande") == Names{"Gun Grahn", "Hans Holm"});
    CHECK(members(m, "Tjänstemän") == Names{"Ola Ohlsson"});
    // Bo Berg is already Beslutande; only the justerare listed nowhere else gets a group.
    CHECK(members(m, "Justerare") == Names{"Ivar Isaksson"});
    CHECK(m.absent == Names{"Ulla Uhlin"});
    CHECK(m.secretary == "Hans Holm");
    CHECK(m.topics == Names{"Budget 2024", "Val av ombud"});
    CHECK(m.decisions ==
          Names{"Barn- och utbildningsnämnden beslutar att godkänna förslaget till budget 2024.",
                "Nämnden utser Carl Carlsson till ombud."});
}

TEST_CASE("meeting: labels without colons, one name per line") {
    Meeting m = extract_meeting(
        "Protokoll fört vid sammanträde med styrelsen\nOnsdagen den 8 mars 2023 kl. 9.00–11.30\n\n"
        "Närvarande\nAnna Svensson, ordförande\nPer Olsson\nLisa Berg, sekreterare\n\n"
        "Frånvarande\nKalle Nilsson\n\n§ 1 Mötets öppnande\nOrdföranden öppnade mötet.\n\n"
        "Styrgruppen\nTony återkopplar från styrgruppens möte.\n");
    CHECK(m.date->iso() == "2023-03-08");
    CHECK(*m.time == TimeSpan{"09.00", "11.30"});
    CHECK(group_names(Attendance{m.groups, {}, {}, {}}) == Names{"Närvarande"});
    CHECK(members(m, "Närvarande") == Names{"Anna Svensson", "Per Olsson", "Lisa Berg"});
    CHECK(m.absent == Names{"Kalle Nilsson"});
    CHECK(m.secretary == "Lisa Berg");
    CHECK(m.title == "Protokoll fört vid sammanträde med styrelsen");
}

TEST_CASE("meeting: an empty absent list and body text that only looks like a list") {
    Meeting m = extract_meeting(
        "Deltagare: Anna Berg, Bo Ek\n\nFrånvarande:\n\nMötesanteckningar\n"
        "\nDeltagare: rektorer och förskolechefer\n");
    CHECK(m.absent.empty());
    CHECK(m.groups.size() == 1);
    CHECK(m.title == "Mötesanteckningar");
}

// ---- topics ----

TEST_CASE("meeting: agenda items, not the numbered lists inside them") {
    auto topics = extract_topics(
        "1. Återkoppling från verksamhetsmöten\n\nText.\n\n2. Utbildningsdirektörens VP.\n\n"
        "Uppdragen:\n1. Verksamhetscheferna får i uppdrag att ta fram ett förslag för hur\n\n"
        "undervisningen kan förbättras.\n\n Ansvar: Anna Berg\n\n"
        "2. Verksamhetscheferna får i uppdrag att säkerställa att förskolorna, grundskolorna\n"
        "och gymnasieskolorna vidtar åtgärder.\n\n"
        "3. Verksamhetscheferna får i uppdrag att utveckla former och kriterier för att\n"
        "följa upp arbetet.\n\n"
        "3. Kort, kort\n\n. Verksamhetsplan: uppföljning, uppdrag, analys\n\n"
        "5. SKA\nText.\n\nGenomförande:\n\n1. Person X intervjuar den uppdragsansvarige om "
        "läget i uppdraget.\n2. Person X återberättar.\n\n6. Övriga frågor\n");
    CHECK(topics == Names{"Återkoppling från verksamhetsmöten", "Utbildningsdirektörens VP",
                          "Kort, kort", "Verksamhetsplan: uppföljning, uppdrag, analys", "SKA",
                          "Övriga frågor"});
}

TEST_CASE("meeting: a heading after a nested list that expects the same number") {
    auto topics = extract_topics(
        "3. Utbildningsdirektörens VP\n\nUppdragen:\n1. Verksamhetscheferna får i uppdrag att "
        "utveckla\nsamarbetet med skolorna.\n\n 3. Verksamhetscheferna får i uppdrag att "
        "inventera behovet av\n\nstöd kring elevhälsan.\n\n4. Matematiksatsningen\n\nText.\n");
    CHECK(topics == Names{"Utbildningsdirektörens VP", "Matematiksatsningen"});
}

TEST_CASE("meeting: theme days, OCR'd numbers and protocol paragraphs") {
    auto topics = extract_topics(
        "Mötesanteckningar\n\nTema: Vi tar ut riktning - planering 2022-2023\n\n"
        "Syftet med dagens möte är att planera. Det gör vi tillsammans med alla.\n\n"
        "Grupparbete – sammanfattning av läget i VP\n\n"
        "Forvaltningen ska presentera arbetet med hållbar utveckling på konferensen i maj.\n\n"
        "Scenario: Mattias återkopplar från mötet.\n\nGenomförande:\n\n"
        "1. Person X intervjuar den uppdragsansvarige.\n\n"
        "Roadmap 2022-23\n\n 21 november beslut i BUN\n 11 december VP klar\n\n"
        "En mening som fortsätter efter ett tomt\n\nrad.\n");
    CHECK(topics == Names{"Vi tar ut riktning - planering 2022-2023",
                          "Grupparbete – sammanfattning av läget i VP", "Roadmap 2022-23"});
    CHECK(extract_topics("§ 12 Budget 2024\nText.\n§13. Val av ombud\n§ 14\nSkolval 2025\n"
                         "Dnr 2023/4\n§ 15 Lokaler Dnr BUN 2023/45\n") ==
          Names{"Budget 2024", "Val av ombud", "Skolval 2025", "Lokaler"});
    CHECK(extract_topics("§ 3 Förslag om ändrad läsårsplanering Dnr 2023/4\n") ==
          Names{"Förslag om ändrad läsårsplanering"});
    CHECK(extract_topics(". 0vriga fragor\n\nText.\n") == Names{"Övriga fragor"});
    // cp1252 bullets: "§ " before a time plan's date is a bullet, not a paragraph.
    CHECK(extract_topics("§ 4 feb - Sammanställa resultaten\n§ 19jan - inlämning\n").empty());
}

// ---- responsibilities ----

TEST_CASE("meeting: responsibilities bound to the task above them") {
    auto r = extract_responsibilities(
        "Uppdragen:\n1. Verksamhetscheferna får i uppdrag att ta fram ett förslag. Uppdraget "
        "följs upp i verk-\nsamhetsdialoger och i Vp-\narbetet.\n\n Ansvar: Susanne Fras och "
        "Christian Olsson\n\n2. Kort uppdrag.\n Ansvar: Anci Cederquist tillsamman med Peter "
        "Abrahamsson\n\n"
        "3. Ett uppdrag.\n\n Ansvar: Elisabeth tillsammans med Matz Ingvarsson\n"
        "4. Ett till.\n Ansvar: Alla verksamhetschefer\n"
        "5. Ett tredje.\n Ansvar: avdelningen för administration och juridik\n"
        "6. Ett fjärde.\n Ansvar: SFF:s Styrgrupp för H22 där Matz Ingvarson ingår\n"
        "7. Ett femte.\n Ansvar: Resultat- och verksamhetsuppföljning\n");
    REQUIRE(r.size() == 7);
    CHECK(r[0].task ==
          "Verksamhetscheferna får i uppdrag att ta fram ett förslag. Uppdraget följs upp i "
          "verksamhetsdialoger och i Vp-arbetet.");
    CHECK(r[0].people == Names{"Susanne Fras", "Christian Olsson"});
    CHECK(r[1].task == "Kort uppdrag.");
    CHECK(r[1].people == Names{"Anci Cederquist", "Peter Abrahamsson"});
    CHECK(r[2].people == Names{"Elisabeth", "Matz Ingvarsson"});
    CHECK(r[3].people == Names{"Alla verksamhetschefer"});
    CHECK(r[4].people == Names{"avdelningen för administration och juridik"});
    CHECK(r[5].people == Names{"SFF:s Styrgrupp för H22", "Matz Ingvarson"});
    CHECK(r[6].people == Names{"Resultat- och verksamhetsuppföljning"});
    // Letters outside ASCII before the clause do not shift where it is cut.
    r = extract_responsibilities("1. Uppdrag\n Ansvar: Gruppen för lärare där Åsa Öberg ingår\n");
    REQUIRE(r.size() == 1);
    CHECK(r[0].people == Names{"Gruppen för lärare", "Åsa Öberg"});
}

TEST_CASE("meeting: a responsibility under a paragraph, not the agenda heading") {
    auto r = extract_responsibilities(
        "2. Närvaro och studiero\nEmil ser gärna att fler mentorer involveras. Arbetet\n"
        "fortsätter.\n\n Ansvar: Dennis tillsammans med Mikael Lundgren\n");
    REQUIRE(r.size() == 1);
    CHECK(r[0].task == "Emil ser gärna att fler mentorer involveras. Arbetet fortsätter.");
    CHECK(r[0].people == Names{"Dennis", "Mikael Lundgren"});
}

// ---- decisions ----

TEST_CASE("meeting: decisions up to the next section") {
    CHECK(extract_decisions("Beslut\n\nInga beslutspunkter\n\nInformation\n\n1. Kort\n").empty());
    CHECK(extract_decisions("BESLUT\nInga beslutspunkter\nINFORMATION\n").empty());
    CHECK(extract_decisions(
              "BESLUT\n\nLedningsgruppen beslutar att anta den reviderade\ntidplanen för "
              "VP-arbetet.\n\n Förslaget om ny mötesstruktur godkänns.\n\nINFORMATION\n\n"
              "1. Kort, kort\nText.\n") ==
          Names{"Ledningsgruppen beslutar att anta den reviderade tidplanen för VP-arbetet.",
                "Förslaget om ny mötesstruktur godkänns."});
    CHECK(extract_decisions("Beslut: Styrelsen godkänner rapporten.\n\nÖvrigt\nText.\n") ==
          Names{"Styrelsen godkänner rapporten."});
    CHECK(extract_decisions("Beslut\nGruppen beslutar att gå vidare.\n1. Kort, kort\nText.\n") ==
          Names{"Gruppen beslutar att gå vidare."});
}

// ---- titles ----

TEST_CASE("meeting: titles") {
    CHECK(extract_title(" 2 HELSINGBORG 2022-10-11\n\nSkol - och fritidsförvaltningen\n\n:\n\n"
                        "Helsingborgs stads skolors ledningsgrupp\n\nTisdagen den 11 okt 2022\n") ==
          "Helsingborgs stads skolors ledningsgrupp");
    CHECK(extract_title("Skol- och fritidsförvaltningen\n\nDeltagare: Anna Berg\n\n1. Kort\n") ==
          "Skol- och fritidsförvaltningen");
    CHECK(extract_title("Information\n\n1. Återkoppling\n") == "Återkoppling");
    CHECK(extract_title("Text utan rubrik.\n").empty());
}

// ---- bad input ----

TEST_CASE("meeting: bad input gives an empty record, never a crash") {
    CHECK(empty_record(extract_meeting("")));
    CHECK(extract_meeting("").topics.empty());
    CHECK(extract_meeting("").title.empty());
    CHECK(empty_record(extract_meeting("\n\n\n   \n")));

    std::string long_line(1 << 20, 'a');
    CHECK(empty_record(extract_meeting(long_line)));
    std::string long_list = "Deltagare: " + std::string(1 << 20, ',');
    CHECK(extract_meeting(long_list).groups.empty());
    std::string digits(1 << 20, '1');
    CHECK(empty_record(extract_meeting(digits)));

    std::mt19937 random(42);
    std::string junk(1 << 16, '\0');
    for (auto& c : junk)
        c = static_cast<char>(random() & 0xFF);
    Meeting m = extract_meeting(junk);  // invalid UTF-8, NULs, stray bytes: no crash
    CHECK(m.groups.size() < 100);

    std::string bullets;
    for (int i = 0; i < 1000; ++i)
        bullets += "\uF0B7 \n• \ne \n";
    CHECK(empty_record(extract_meeting(bullets)));
    CHECK(empty_record(extract_meeting(std::string("Deltagare:\xC3", 12))));
    CHECK(empty_record(extract_meeting("\xE2\x80")));  // a truncated code point
}
