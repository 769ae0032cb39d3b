// Validation of and lookups in the compiled lexicon image (see lexicon_image.hh).
#include <algorithm>
#include <cstring>

#include "lexicon_image.hh"

namespace minutes::lexicon_detail {
namespace {

template <typename T>
const T* take(std::string_view bytes, std::size_t& offset, std::size_t count) {
    const auto* p = reinterpret_cast<const T*>(bytes.data() + offset);
    offset += count * sizeof(T);
    return p;
}

bool key_matches(std::string_view bytes, const ImageHeader& h, std::string_view key) {
    if (h.key_size < key.size() || h.key_size % 4 != 0) return false;
    const std::string_view stored = bytes.substr(sizeof h, h.key_size);
    return stored.substr(0, key.size()) == key &&
           stored.find_first_not_of('\0', key.size()) == std::string_view::npos;
}

std::size_t expected_size(const ImageHeader& h) {
    return sizeof h + std::size_t{h.key_size} + std::size_t{h.states} * sizeof(State) +
           std::size_t{h.edges} * (sizeof(std::uint32_t) + 1) +
           std::size_t{h.infos} * sizeof(FormInfo) + std::size_t{h.transforms} * sizeof(Transform) +
           h.pool_size;
}

}  // namespace

std::uint32_t image_checksum(std::string_view bytes) {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes.data() + i, sizeof word);
        h = (h ^ word) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < bytes.size(); ++i)
        h = (h ^ static_cast<unsigned char>(bytes[i])) * 0x100000001b3ULL;
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

// Checks every index once, so that lookups need no bounds checks and a damaged cache file can
// only be refused, never crash the process.
ImageView ImageView::open(std::string_view bytes, std::string_view key) {
    ImageHeader h;
    if (bytes.size() < sizeof h) return {};
    std::memcpy(&h, bytes.data(), sizeof h);
    if (std::memcmp(h.magic, kImageMagic, sizeof h.magic) != 0 || h.version != kImageVersion ||
        !key_matches(bytes, h, key) || expected_size(h) != bytes.size() || h.states == 0 ||
        image_checksum(bytes.substr(sizeof h)) != h.checksum)
        return {};
    ImageView v;
    std::size_t offset = sizeof h + h.key_size;
    v.states_ = take<State>(bytes, offset, h.states);
    v.targets_ = take<std::uint32_t>(bytes, offset, h.edges);
    v.infos_ = take<FormInfo>(bytes, offset, h.infos);
    v.transforms_ = take<Transform>(bytes, offset, h.transforms);
    v.labels_ = take<unsigned char>(bytes, offset, h.edges);
    v.pool_ = take<char>(bytes, offset, h.pool_size);

    for (std::uint32_t s = 0; s < h.states; ++s) {
        const State& st = v.states_[s];
        if (st.first_edge > h.edges || st.edge_count > h.edges - st.first_edge || st.info > h.infos)
            return {};
        for (std::uint32_t e = st.first_edge; e < st.first_edge + st.edge_count; ++e)
            if (v.targets_[e] >= h.states ||
                (e > st.first_edge && v.labels_[e] <= v.labels_[e - 1]))
                return {};
    }
    for (std::uint32_t i = 0; i < h.infos; ++i) {
        const FormInfo& f = v.infos_[i];
        if ((f.flags & kWord && f.word >= h.transforms) ||
            (f.flags & (kBegin | kMiddle) && f.part >= h.transforms) ||
            (f.flags & kEnd && f.head >= h.transforms))
            return {};
    }
    for (std::uint32_t t = 0; t < h.transforms; ++t)
        if (v.transforms_[t].offset > h.pool_size ||
            v.transforms_[t].size > h.pool_size - v.transforms_[t].offset)
            return {};
    v.start_edges_.fill(kNoState);
    const State& start = v.states_[kStart];
    for (std::uint32_t e = start.first_edge; e < start.first_edge + start.edge_count; ++e)
        v.start_edges_[v.labels_[e]] = v.targets_[e];
    return v;
}

std::uint32_t ImageView::walk(std::string_view text) const {
    std::uint32_t s = kStart;
    for (std::size_t i = 0; i < text.size() && s != kNoState; ++i)
        s = step(s, static_cast<unsigned char>(text[i]));
    return s;
}

void ImageView::apply(std::string_view form, std::uint32_t id, std::string& out) const {
    const Transform& t = transforms_[id];
    out.append(form.substr(0, form.size() - std::min<std::size_t>(t.strip, form.size())));
    out.append(pool_ + t.offset, t.size);
}

}  // namespace minutes::lexicon_detail
