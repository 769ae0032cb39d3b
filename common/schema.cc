#include "schema.hh"

#include "text.hh"

namespace minutes {

const Field* find_field(std::string_view name) {
    std::string folded = fold_case(name);
    for (const Field& field : fields)
        if (folded == field.name || folded == field.alias) return &field;
    return nullptr;
}

}  // namespace minutes
